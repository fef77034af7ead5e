using System.ClientModel;
using OpenAI;
using OpenAI.Chat;
using SelfInstruct.Cli;
using SelfInstruct.Tests.Model;
using SelfInstruct.Tests.Support;
using Spectre.Console;
using Xunit;

namespace SelfInstruct.Tests.Cli.Serve;

[Collection(TorchSharpTests.Name)]
public sealed class ServeCommandTests
{
    [Fact]
    public async Task Serves_a_checkpoint_folder_until_cancelled()
    {
        using var folder = new TemporaryFolder();
        var init = await CliRunner.RunAsync("", "model", "init", "--arch", "gpt2", "--preset", "tiny", "--out",
            folder.File("tiny-demo"));
        Assert.True(init.ExitCode == 0, init.Error);
        var console = new StringWriter();
        var ansiConsole = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(TextWriter.Synchronized(console)),
        });
        ansiConsole.Profile.Width = 300;
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        var run = Program.RunAsync(["serve", "--model", folder.File("tiny-demo"), "--port", "0"], ansiConsole,
            TextReader.Null, TextWriter.Null, TextWriter.Null, debug: false, stop.Token);
        var baseUrl = await WaitForAddressAsync(console, run);
        var client = new OpenAIClient(new ApiKeyCredential("unused"), new OpenAIClientOptions { Endpoint = baseUrl });
        var models = (await client.GetOpenAIModelClient().GetModelsAsync()).Value;
        var completion = (await client.GetChatClient("tiny-demo").CompleteChatAsync(
            [new UserChatMessage("Say hello.")], new ChatCompletionOptions { MaxOutputTokenCount = 4 })).Value;
        await stop.CancelAsync();
        var exitCode = await run;

        Assert.Equal(["tiny-demo"], models.Select(model => model.Id));
        Assert.InRange(completion.Usage.OutputTokenCount, 1, 4);
        Assert.Equal(0, exitCode);
    }

    private static async Task<Uri> WaitForAddressAsync(StringWriter console, Task<int> run)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            var match = Regex.Match(console.ToString(), @"at (http://\S+/v1)");
            if (match.Success)
            {
                return new Uri(match.Groups[1].Value);
            }
            Assert.False(run.IsCompleted, $"serve exited early with {(run.IsCompleted ? run.Result : 0)}");
            await Task.Delay(100);
        }
        throw new TimeoutException($"serve printed no address: {console}");
    }
}
