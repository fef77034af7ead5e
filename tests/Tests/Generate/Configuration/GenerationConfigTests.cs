using SelfInstruct.Backends;
using SelfInstruct.Generate.Configuration;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Generate.Configuration;

public sealed class GenerationConfigTests
{
    [Fact]
    public void Defaults_are_the_released_codes_settings_and_valid()
    {
        var config = new GenerationConfig();

        config.Validate("generation settings");

        Assert.Equal((0.7, 0.5, 2.0, 1024), (config.InstructionTemperature, config.InstructionTopP,
            config.InstructionPresencePenalty, config.InstructionMaxTokens));
        Assert.Equal(["\n\n", "\n16", "16.", "16 ."], config.InstructionStop);
        Assert.Equal((0.0, 3), (config.ClassificationTemperature, config.ClassificationMaxTokens));
        Assert.Equal((0.0, 1.5, 300, 350), (config.InstanceTemperature, config.InstancePresencePenalty,
            config.InstanceMaxTokens, config.InstanceMaxTokensWithoutClassification));
        Assert.Equal(["Example 6", "Task:"], config.InstanceStop);
        Assert.Equal(0.7, config.SimilarityThreshold);
        Assert.Equal((8, 2), (config.PromptInstructions, config.MachineInstructionsPerPrompt));
    }

    [Fact]
    public void Validate_reports_every_problem_at_once()
    {
        var config = new GenerationConfig
        {
            NumInstructions = 0,
            SimilarityThreshold = 1.5,
            InstructionTemperature = -1,
            InstanceStop = ["a", "b", "c", "d", "e"],
            Model = " ",
            BaseUrls = ["not a url"],
            MaxCost = -2,
        };

        var error = Assert.Throws<ConfigException>(() => config.Validate("run.json"));

        Assert.Equal(
            [
                "num_instructions must be positive, found 0",
                "similarity_threshold must lie in [0, 1], found 1.5",
                "instruction_temperature must lie in [0, 2], found -1",
                "instance_stop must hold at most 4 non-empty sequences, found 5",
                "model must name a model, found nothing",
                "base_url must be an absolute URL such as http://127.0.0.1:8000/v1, found 'not a url'",
                "max_cost must not be negative, found -2",
            ],
            error.Problems);
        Assert.StartsWith("run.json: 7 problems:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_batch_api_needs_the_openai_backend_and_rounds_that_fit_a_batch()
    {
        var config = new GenerationConfig { BatchApi = true, Backend = GenerationBackend.Local, RoundSize = 6_000 };

        var error = Assert.Throws<ConfigException>(() => config.Validate("run.json"));

        Assert.Equal(
            ["round_size must lie in [1, 5000], found 6000", "batch_api needs the openai backend, found local"],
            error.Problems);
    }

    [Fact]
    public async Task A_json_file_overrides_only_the_keys_it_sets()
    {
        using var folder = new TemporaryFolder();
        await File.WriteAllTextAsync(folder.File("run.json"),
            """{ "num_instructions": 500, "instance_temperature": 0.2, "api": "completions", "backend": "openai" }""");

        var config = await GenerationConfigFile.ReadAsync(folder.File("run.json"), CancellationToken.None);

        Assert.Equal(500, config.NumInstructions);
        Assert.Equal(0.2, config.InstanceTemperature);
        Assert.Equal(OpenAIApi.Completions, config.Api);
        Assert.Equal(1.5, config.InstancePresencePenalty);
        Assert.Equal(["Example 6", "Task:"], config.InstanceStop);
    }

    [Fact]
    public async Task A_json_file_with_an_unknown_key_names_it()
    {
        using var folder = new TemporaryFolder();
        await File.WriteAllTextAsync(folder.File("run.json"), "{\n  \"num_instruction\": 5\n}");

        var error = await Assert.ThrowsAsync<ConfigException>(
            () => GenerationConfigFile.ReadAsync(folder.File("run.json"), CancellationToken.None));

        Assert.Contains("num_instruction", error.Message, StringComparison.Ordinal);
        Assert.StartsWith(folder.File("run.json") + ":", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_written_json_reads_back_equal()
    {
        using var folder = new TemporaryFolder();
        var config = new GenerationConfig { NumInstructions = 7, MaxCost = 1.25, BaseUrls = ["http://127.0.0.1:9/v1"] };

        await File.WriteAllTextAsync(folder.File("config.json"), GenerationConfigFile.ToJson(config));
        var read = await GenerationConfigFile.ReadAsync(folder.File("config.json"), CancellationToken.None);

        Assert.Equal(GenerationConfigFile.ToJson(config), GenerationConfigFile.ToJson(read));
        Assert.Contains("\"num_instructions\": 7", GenerationConfigFile.ToJson(config), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_example_config_in_the_repository_loads_and_validates()
    {
        var config = await GenerationConfigFile.ReadAsync(
            RepositoryRoot.PathTo("configs/generate.json"), CancellationToken.None);

        config.Validate("generation settings");

        Assert.Equal(1000, config.NumInstructions);
        Assert.Equal(5, config.MaxCost);
    }
}
