using SelfInstruct.Cli.Pipeline;
using SelfInstruct.Generate.Configuration;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Cli.Pipeline;

public sealed class PipelineConfigFileTests
{
    [Fact]
    public async Task The_embedded_demo_is_configs_demo_json_and_plans_offline()
    {
        var demoFile = await PipelineConfigFile.ReadAsync(
            RepositoryRoot.PathTo("configs/demo.json"), CancellationToken.None);

        var embedded = PipelineConfigFile.ReadDemo();

        Assert.Equal(PipelineConfigFile.ToJson(demoFile), PipelineConfigFile.ToJson(embedded));
        Assert.True(embedded.Warmup.Enabled);
        Assert.Equal(GenerationBackend.Local, embedded.Generate.Backend);
        Assert.Equal(PipelineModel.Name, embedded.Generate.Model);
        Assert.Null(embedded.BaseModel.Checkpoint);
    }

    [Fact]
    public async Task Every_config_in_configs_reads_and_writes_back_the_same()
    {
        var files = Directory.GetFiles(RepositoryRoot.PathTo("configs"), "*.json")
            .Where(file => Path.GetFileName(file) != "generate.json").ToList();

        foreach (var file in files)
        {
            var config = await PipelineConfigFile.ReadAsync(file, CancellationToken.None);
            var again = PipelineConfigFile.Parse(PipelineConfigFile.ToJson(config), file);
            Assert.Equal(PipelineConfigFile.ToJson(config), PipelineConfigFile.ToJson(again));
        }
        Assert.Contains(files, file => file.EndsWith("demo.json", StringComparison.Ordinal));
    }
}
