using SelfInstruct.Model;
using SelfInstruct.Model.Checkpoints;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Model.Checkpoints;

public sealed class SmolLm3ConfigTests
{
    [Fact]
    public void Reads_the_no_rope_layers_from_the_interval_or_the_list_and_ties_the_head_by_default()
    {
        using var folder = new TemporaryFolder();
        var config = HfConfigFile.Read(Path.Combine(ModelFixture.Folder("smollm3-nope"), HfConfigFile.FileName));
        var listed = HfConfigFile.Read(Write(folder, json =>
        {
            json["no_rope_layers"] = JsonNode.Parse("[0, 1, 1]");
            json.Remove("tie_word_embeddings");
        }));

        Assert.Equal(ModelArchitecture.SmolLm3, config.Architecture);
        Assert.Equal([true, false, true], Enumerable.Range(0, 3).Select(config.UsesRope).ToArray());
        Assert.Equal([false, true, true], Enumerable.Range(0, 3).Select(listed.UsesRope).ToArray());
        Assert.True(listed.TieWordEmbeddings);
    }

    [Theory]
    [InlineData("use_sliding_window", "true", "use_sliding_window: expected false")]
    [InlineData("no_rope_layer_interval", "0", "no_rope_layer_interval: expected a positive integer")]
    public void Refuses_what_it_does_not_implement_naming_the_file_and_the_field(
        string key, string value, string message)
    {
        using var folder = new TemporaryFolder();
        var path = Write(folder, json => json[key] = JsonNode.Parse(value));

        var error = Assert.Throws<InvalidDataException>(() => HfConfigFile.Read(path));

        Assert.StartsWith($"{path}: {message}", error.Message);
    }

    [Fact]
    public void Refuses_a_no_rope_list_of_the_wrong_length()
    {
        using var folder = new TemporaryFolder();
        var path = Write(folder, json => json["no_rope_layers"] = JsonNode.Parse("[1, 0]"));

        var error = Assert.Throws<InvalidDataException>(() => HfConfigFile.Read(path));

        Assert.Contains("no_rope_layers must hold a 0 or 1 for each of the 3 layers", error.Message);
    }

    private static string Write(TemporaryFolder folder, Action<JsonObject> change)
    {
        var source = Path.Combine(ModelFixture.Folder("smollm3-nope"), HfConfigFile.FileName);
        var json = JsonNode.Parse(File.ReadAllText(source))!.AsObject();
        change(json);
        var path = folder.File(HfConfigFile.FileName);
        File.WriteAllText(path, json.ToJsonString());
        return path;
    }
}
