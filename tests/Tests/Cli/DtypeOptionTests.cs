using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Cli;

public sealed class DtypeOptionTests
{
    [Fact]
    public async Task Serve_refuses_a_dtype_it_does_not_know_naming_the_choices()
    {
        using var folder = new TemporaryFolder();

        var result = await CliRunner.RunAsync("", "serve", "--model", folder.Path, "--dtype", "fp8");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("fp8", result.Error, StringComparison.Ordinal);
        Assert.Contains("fp32", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_refuses_a_dtype_it_does_not_know_naming_the_choices()
    {
        var result = await CliRunner.RunAsync("", "evaluate", "--out", "x", "--dtype", "fp8");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--dtype: expected fp32, bf16, fp16, found 'fp8'", result.Error, StringComparison.Ordinal);
    }
}
