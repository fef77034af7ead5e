using SelfInstruct.Evaluate.Configuration;
using SelfInstruct.Generate.Configuration;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Cli;

public sealed class ProgramTests
{
    [Fact]
    public async Task Help_lists_every_verb_with_one_line_each()
    {
        var result = await CliRunner.RunAsync("", "--help");

        Assert.Equal(0, result.ExitCode);
        Approvals.Verify("RootHelp.txt", result.Output);
    }

    public static TheoryData<string, string, string> VerbDetails => new()
    {
        { "filter", "--threshold", Default(new GenerationConfig().SimilarityThreshold) },
        { "rouge", "--superni", "exact_match" },
        { "data", "convert", "stats" },
        { "evaluate", "--max-new-tokens", Default(new EvaluationConfig().MaxNewTokens) },
        { "report", "RESULTS_DIR", "results.json" },
    };

    [Theory]
    [MemberData(nameof(VerbDetails))]
    public async Task Each_verb_help_teaches_its_options(string verb, string option, string detail)
    {
        var result = await CliRunner.RunAsync("", verb, "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(option, result.Output);
        Assert.Contains(detail, result.Output);
    }

    [Fact]
    public async Task Fails_on_bad_input_with_one_clear_line_and_exit_code_2()
    {
        using var folder = new TemporaryFolder();

        var result = await CliRunner.RunAsync("", "data", "stats", folder.File("missing.jsonl"));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"selfinstruct: {folder.File("missing.jsonl")}: no such file", result.Error.TrimEnd());
    }

    [Fact]
    public async Task Rejects_an_unknown_verb()
    {
        var result = await CliRunner.RunAsync("", "frobnicate");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("frobnicate", result.Error);
    }

    private static string Default(IFormattable value) =>
        $"[default: {value.ToString(null, CultureInfo.InvariantCulture)}]";
}
