using SelfInstruct.Finetune.Configuration;
using SelfInstruct.Finetune.Training;
using SelfInstruct.Model;
using SelfInstruct.Model.Checkpoints;
using SelfInstruct.Tests.Model;
using SelfInstruct.Tests.Support;
using Xunit;
using static TorchSharp.torch;

namespace SelfInstruct.Tests.Finetune.Training;

/// <summary>
/// The tuned checkpoint comes out in the base's dtype unless save_dtype says otherwise; step checkpoints keep the
/// float32 the run trains in.
/// </summary>
[Collection(TorchSharpTests.Name)]
public sealed class SaveDtypeTests
{
    [Theory]
    [InlineData(SaveDtype.Same, ScalarType.BFloat16, "bfloat16")]
    [InlineData(SaveDtype.Fp32, ScalarType.Float32, "float32")]
    [InlineData(SaveDtype.Fp16, ScalarType.Float16, "float16")]
    public async Task A_bf16_base_gives_a_tuned_checkpoint_in_the_dtype_asked_for(
        SaveDtype saveDtype, ScalarType expected, string expectedName)
    {
        using var run = await TinyRun.CreateAsync();
        var bf16Base = Path.Combine(run.Path, "base-bf16");
        using (var local = LocalModel.Load(run.Config.BaseModel))
        {
            await local.SaveAsync(bf16Base, ScalarType.BFloat16, CancellationToken.None);
        }
        var config = run.Config with { BaseModel = bf16Base, SaveSteps = 3, SaveDtype = saveDtype };

        var result = await new FinetuneRun().RunAsync(config, null, CancellationToken.None);

        AssertDtype(result.CheckpointFolder, expected, expectedName);
        AssertDtype(Path.Combine(config.Output, CheckpointFolders.Name(3)), ScalarType.Float32, "float32");
    }

    [Fact]
    public async Task Reads_save_dtype_from_a_settings_file()
    {
        using var folder = new TemporaryFolder();
        await File.WriteAllTextAsync(folder.File("finetune.json"), "{\"save_dtype\": \"bf16\"}");

        var config = await FinetuneConfigFile.ReadAsync(folder.File("finetune.json"), CancellationToken.None);

        Assert.Equal(SaveDtype.Bf16, config.SaveDtype);
        Assert.Equal(SaveDtype.Same, new FinetuneConfig().SaveDtype);
    }

    private static void AssertDtype(string folder, ScalarType expected, string expectedName)
    {
        Assert.All(SafetensorsFile.ReadHeader(Path.Combine(folder, SafetensorsFile.FileName)),
            entry => Assert.Equal(expected, entry.Dtype));
        Assert.Equal(expectedName, HfConfigFile.Read(Path.Combine(folder, HfConfigFile.FileName)).Dtype);
    }
}
