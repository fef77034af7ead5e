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

    [Theory]
    [InlineData("demo.json")]
    [InlineData("openai-generator.json")]
    [InlineData("local-server.json")]
    [InlineData("gpu-self-instruct.json")]
    public async Task Every_pipeline_recipe_reads_and_writes_back_the_same(string name)
    {
        var file = RepositoryRoot.PathTo(Path.Combine("configs", name));

        var config = await PipelineConfigFile.ReadAsync(file, CancellationToken.None);
        var again = PipelineConfigFile.Parse(PipelineConfigFile.ToJson(config), file);

        Assert.Equal(PipelineConfigFile.ToJson(config), PipelineConfigFile.ToJson(again));
        Assert.Equal(Path.Combine("data", "seed_tasks.jsonl"), config.Seeds);
    }

    [Fact]
    public async Task The_russian_demo_reads_back_and_gives_the_pipeline_its_templates()
    {
        var file = RepositoryRoot.PathTo(Path.Combine("configs", "demo-ru.json"));

        var config = await PipelineConfigFile.ReadAsync(file, CancellationToken.None);
        var again = PipelineConfigFile.Parse(PipelineConfigFile.ToJson(config), file);

        Assert.Equal(PipelineConfigFile.ToJson(config), PipelineConfigFile.ToJson(again));
        Assert.Equal("data/examples/ru/templates", config.Templates);
        Assert.Equal(TextMode.Unicode, config.Generate.TextMode);
        Assert.Equal(TextMode.Unicode, config.Evaluate.TextMode);
        var absolute = config with
        {
            Seeds = RepositoryRoot.PathTo(config.Seeds),
            Templates = RepositoryRoot.PathTo(config.Templates!),
            Generate = config.Generate with { Blacklist = RepositoryRoot.PathTo(config.Generate.Blacklist!) },
            Evaluate = config.Evaluate with { Dataset = RepositoryRoot.PathTo(config.Evaluate.Dataset!) },
        };
        Assert.Empty(PipelinePlan.From(absolute, file).Problems());
        var missing = absolute with { Templates = RepositoryRoot.PathTo("data/examples/none") };
        var error = Assert.Throws<ConfigException>(() => PipelinePlan.From(missing, file));
        Assert.Contains("templates: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("is not a folder", error.Message, StringComparison.Ordinal);
    }
}
