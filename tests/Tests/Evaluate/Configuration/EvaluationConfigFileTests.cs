using SelfInstruct.Evaluate.Configuration;
using SelfInstruct.Model;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Evaluate.Configuration;

public sealed class EvaluationConfigFileTests
{
    [Fact]
    public async Task Reads_snake_case_settings_over_the_defaults()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("evaluate.json");
        File.WriteAllText(path, """
            {
                "models": ["base=ckpt/base", "tuned=ckpt/tuned"],
                "superni": "data/eval",
                "prompt": "self-instruct",
                "max_new_tokens": 32,
            }
            """);

        var config = await EvaluationConfigFile.ReadAsync(path, CancellationToken.None);

        Assert.Equal(new EvaluationConfig
        {
            Models = config.Models,
            SuperNi = "data/eval",
            Prompt = PromptStyle.SelfInstruct,
            MaxNewTokens = 32,
        }, config);
        Assert.Equal(["base=ckpt/base", "tuned=ckpt/tuned"], config.Models);
    }

    [Fact]
    public async Task Rejects_an_unknown_key_naming_the_file()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("evaluate.json");
        File.WriteAllText(path, """{"max_new_token": 32}""");

        var error = await Assert.ThrowsAsync<ConfigException>(() =>
            EvaluationConfigFile.ReadAsync(path, CancellationToken.None));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("max_new_token", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reads_the_compute_dtype_and_defaults_to_fp32()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("evaluate.json");
        File.WriteAllText(path, """{"dtype": "bf16"}""");

        var config = await EvaluationConfigFile.ReadAsync(path, CancellationToken.None);

        Assert.Equal(ComputeDtype.Bf16, config.Dtype);
        Assert.Equal(ComputeDtype.Fp32, new EvaluationConfig().Dtype);
    }
}
