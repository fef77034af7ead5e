using System.Net.Http.Json;
using SelfInstruct.Cli.Serve;
using SelfInstruct.Finetune.Training;
using SelfInstruct.Model;
using SelfInstruct.Tests.Cli;
using SelfInstruct.Tests.Finetune.Training;
using SelfInstruct.Tests.Model;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Finetune;

[Collection(TorchSharpTests.Name)]
public sealed class ChatFormatFinetuneTests
{
    [Fact]
    public async Task Tunes_through_the_bases_template_keeps_it_and_serves_chat_through_it()
    {
        using var folder = new TemporaryFolder();
        var baseModel = await TemplatedCheckpoint.CreateAsync(folder.File("base"));
        var data = folder.File("data.json");
        await File.WriteAllTextAsync(data, JsonSerializer.Serialize(Enumerable.Range(0, 12).Select(index =>
            new { instruction = $"Repeat w{index}.", input = "", output = $"w{index} w{index}" })));
        var output = folder.File("out");

        var result = await CliRunner.RunAsync("", "finetune", "--base", baseModel, "--data", data, "--out", output,
            "--format", "chat", "--max-steps", "3", "--batch-size", "4", "--threads", "1", "--device", "cpu",
            "--plain");

        Assert.True(result.ExitCode == 0, result.Error);
        // The console wraps at 120 columns; the words must be there in order wherever it wraps.
        Assert.Contains(Regex.Replace($"chat turns use the chat template of {Path.Combine(baseModel,
            ChatTemplate.FileName)}", @"\s", ""), Regex.Replace(result.Output, @"\s", ""), StringComparison.Ordinal);
        var final = Path.Combine(output, FinetuneRun.FinalFolderName);
        Assert.Equal(PromptFormatKind.Chat, PromptFormatFile.Read(final));
        var tokenizerConfig = JsonFile.ReadObject(Path.Combine(final, "tokenizer_config.json"));
        Assert.Equal(TemplatedCheckpoint.Template, tokenizerConfig[ChatTemplate.ConfigKey]!.GetValue<string>());

        using var tuned = LocalModel.Load(final);
        using var client = tuned.CreateChatClient("tuned");
        await using var server = new OpenAICompatibleServer(client, client.RawCompletions,
            new ServeOptions("tuned", Port: 0));
        await server.StartAsync(CancellationToken.None);
        using var http = new HttpClient();
        var reply = JsonNode.Parse(await (await http.PostAsJsonAsync(
            new Uri(server.BaseAddress, "v1/chat/completions"), new
            {
                model = "tuned",
                messages = new[] { new { role = "user", content = "Repeat w3." } },
                max_tokens = 4,
                temperature = 0,
            })).Content.ReadAsStringAsync())!;

        var prompt = "<|user|>\nRepeat w3.<|endoftext|>\n<|assistant|>\n";
        Assert.Equal(tuned.Tokenizer.Encode(prompt).Count, reply["usage"]!["prompt_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task Trains_on_the_transcript_when_the_base_has_no_template_and_says_so()
    {
        using var run = await TinyRun.CreateAsync();

        var result = await CliRunner.RunAsync("", "finetune", "--base", run.Config.BaseModel, "--data",
            run.Config.Data, "--out", run.Config.Output, "--format", "chat", "--max-steps", "2", "--threads", "1",
            "--device", "cpu", "--plain");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("nochattemplate:chatturnsusetheplaintranscript", Regex.Replace(result.Output, @"\s", ""),
            StringComparison.Ordinal);
        Assert.Equal(PromptFormatKind.Chat,
            PromptFormatFile.Read(Path.Combine(run.Config.Output, FinetuneRun.FinalFolderName)));
    }
}
