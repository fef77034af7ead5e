using SelfInstruct.Model.Checkpoints;
using SelfInstruct.Model.Generation;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Model.Checkpoints;

public sealed class GenerationConfigFileTests
{
    // mistral-window's greedy continuation is 49, 46, 12, 10; its config.json names EOS 2.
    private const string Fixture = "mistral-window";

    [Fact]
    public void An_eos_list_in_the_generation_config_stops_generation_at_its_second_id()
    {
        using var folder = CopyOfFixture("{\"bos_token_id\": 1, \"eos_token_id\": [2, 12], \"pad_token_id\": 0}");
        using var model = Checkpoint.Load(folder.Path);
        var prompt = ModelFixture.Read(Fixture).InputIds.Select(id => (int)id).ToList();

        var result = new TokenGenerator(model)
            .Generate([prompt], GenerationOptions.Greedy(4), model.Config.EosTokenIds);

        Assert.Equal([2, 12], model.Config.EosTokenIds);
        Assert.Equal(0, model.Config.PadTokenId);
        Assert.Equal([49, 46], result[0].TokenIds);
        Assert.Equal(FinishReason.Stop, result[0].FinishReason);
    }

    [Fact]
    public void Without_a_generation_config_the_ids_of_config_json_stay()
    {
        using var folder = CopyOfFixture(null);
        using var model = Checkpoint.Load(folder.Path);

        Assert.Equal([2], model.Config.EosTokenIds);
    }

    [Fact]
    public void Names_the_file_and_the_key_of_an_id_that_is_not_an_integer()
    {
        using var folder = CopyOfFixture("{\"eos_token_id\": [2, \"twelve\"]}");

        var error = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(folder.Path));

        Assert.StartsWith($"{folder.File(GenerationConfigFile.FileName)}: eos_token_id: expected an integer or a " +
            "list of integers", error.Message);
    }

    private static TemporaryFolder CopyOfFixture(string? generationConfig)
    {
        var folder = new TemporaryFolder();
        foreach (var file in Directory.GetFiles(ModelFixture.Folder(Fixture)))
        {
            File.Copy(file, folder.File(Path.GetFileName(file)));
        }
        if (generationConfig is not null)
        {
            File.WriteAllText(folder.File(GenerationConfigFile.FileName), generationConfig);
        }
        return folder;
    }
}
