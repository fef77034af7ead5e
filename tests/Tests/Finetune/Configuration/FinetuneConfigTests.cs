using SelfInstruct.Finetune.Configuration;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Finetune.Configuration;

public sealed class FinetuneConfigTests
{
    [Fact]
    public async Task The_example_config_reads_and_validates()
    {
        var config = await FinetuneConfigFile.ReadAsync(
            RepositoryRoot.PathTo(Path.Combine("configs", "finetune.json")), CancellationToken.None);

        config.Validate("configs/finetune.json");
        Assert.Equal(LossMasking.OutputOnly, config.Masking);
        Assert.True(config.IncludeSeeds);
    }

    [Fact]
    public void Reports_every_problem_at_once_including_the_lora_options()
    {
        var config = new FinetuneConfig
        {
            BaseModel = "base",
            Data = "data.parquet",
            Output = "out",
            Epochs = 0,
            WarmupRatio = 2,
            LoraRank = 4,
            LoraTargets = ["qkv"],
            LoraDropout = 1,
        };

        var error = Assert.Throws<ConfigException>(() => config.Validate("settings"));

        Assert.Equal(4, error.Problems.Count);
        Assert.Contains("lora_targets: 'qkv' is not a linear layer", error.Message, StringComparison.Ordinal);
        Assert.Contains("warmup_ratio must lie in [0, 1], found 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Round_trips_through_json_with_kebab_case_enum_values()
    {
        using var folder = new TemporaryFolder();
        var config = new FinetuneConfig { Masking = LossMasking.FullSequence, Truncation = TruncationPolicy.Drop };

        await FinetuneConfigFile.WriteAsync(folder.Path, config, CancellationToken.None);
        var text = await File.ReadAllTextAsync(folder.File(FinetuneConfigFile.FileName));
        var read = await FinetuneConfigFile.ReadAsync(folder.File(FinetuneConfigFile.FileName), CancellationToken.None);

        Assert.Contains("\"masking\": \"full-sequence\"", text, StringComparison.Ordinal);
        Assert.Equal(config with { LoraTargets = read.LoraTargets }, read);
        Assert.Equal(config.LoraTargets, read.LoraTargets);
    }
}
