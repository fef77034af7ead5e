using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Cli;

public sealed class ServeCommandTests
{
    [Fact]
    public async Task Help_teaches_the_defaults()
    {
        var help = await CliRunner.RunAsync("", "serve", "--help");

        Assert.Equal(0, help.ExitCode);
        Assert.Contains("[default: 127.0.0.1]", help.Output);
        Assert.Contains("[default: 8000]", help.Output);
        Assert.Contains("[default: 16]", help.Output);
        Assert.Contains("[default: no token required]", help.Output);
    }

    [Fact]
    public async Task Fails_with_one_line_when_the_api_key_variable_is_unset()
    {
        using var folder = new TemporaryFolder();

        var result = await CliRunner.RunAsync("", "serve", "--model", folder.Path, "--api-key-env",
            "SELFINSTRUCT_TEST_VARIABLE_THAT_IS_NOT_SET");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("selfinstruct: --api-key-env names SELFINSTRUCT_TEST_VARIABLE_THAT_IS_NOT_SET, which is not set " +
            "or empty", result.Error.TrimEnd());
    }
}
