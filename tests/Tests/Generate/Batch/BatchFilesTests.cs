using Microsoft.Extensions.AI;
using SelfInstruct.Backends;
using SelfInstruct.Generate.Batch;
using SelfInstruct.Generate.Pipeline;
using Xunit;

namespace SelfInstruct.Tests.Generate.Batch;

public sealed class BatchFilesTests
{
    private static readonly ChatOptions _options = new()
    {
        Temperature = 0.7f,
        TopP = 0.5f,
        MaxOutputTokens = 64,
        StopSequences = ["\n\n", "16."],
    };

    [Fact]
    public void Input_lines_carry_the_key_the_endpoint_and_the_body_of_a_live_request()
    {
        var request = new BatchRequest("k1", GenerationStep.Instructions, "Come up with tasks:\n1.", _options);

        var chat = JsonNode.Parse(BatchInput.Jsonl([request], "gpt-4o-mini", OpenAIApi.Chat))!;
        var completions = JsonNode.Parse(BatchInput.Jsonl([request], "base", OpenAIApi.Completions))!;

        Assert.Equal("k1", chat["custom_id"]!.GetValue<string>());
        Assert.Equal("POST", chat["method"]!.GetValue<string>());
        Assert.Equal("/v1/chat/completions", chat["url"]!.GetValue<string>());
        Assert.Equal("""{"role":"user","content":"Come up with tasks:\n1."}""",
            chat["body"]!["messages"]![0]!.ToJsonString());
        Assert.Equal(64, chat["body"]!["max_completion_tokens"]!.GetValue<int>());
        Assert.Equal("0.7", chat["body"]!["temperature"]!.ToJsonString());
        Assert.Equal("/v1/completions", completions["url"]!.GetValue<string>());
        Assert.Equal("Come up with tasks:\n1.", completions["body"]!["prompt"]!.GetValue<string>());
        Assert.Equal(64, completions["body"]!["max_tokens"]!.GetValue<int>());
        Assert.Equal(["\n\n", "16."], completions["body"]!["stop"]!.AsArray().Select(stop => stop!.GetValue<string>()));
    }

    [Fact]
    public void Output_gives_replies_and_failures_by_key_and_leaves_expired_lines_unanswered()
    {
        const string answered = """
            {"choices":[{"text":" Go.","finish_reason":"length"}],"usage":{"prompt_tokens":5,"completion_tokens":2}}
            """;
        var output = """{"custom_id":"a","response":{"status_code":200,"body":""" + answered + "},\"error\":null}\n" +
            """
            {"custom_id":"b","response":{"status_code":400,"body":{"error":{"message":"too long"}}},"error":null}
            """;
        const string errors = """
            {"custom_id":"c","response":null,"error":{"code":"batch_expired","message":"window expired"}}
            {"custom_id":"d","response":null,"error":{"code":"invalid_request","message":"bad"}}
            """;

        var answers = BatchOutput.Read("batch-1", output, errors, OpenAIApi.Completions);

        Assert.Equal(new ModelReply("a", " Go.", true, 5, 2), answers["a"].Reply);
        Assert.Equal(BackendException.BadRequest, answers["b"].Failure);
        Assert.False(answers.ContainsKey("c"));
        Assert.Equal(BatchOutput.FailedLine, answers["d"].Failure);
    }

    [Fact]
    public void A_line_that_is_not_batch_output_names_the_batch_file_and_line()
    {
        var error = Assert.Throws<BackendException>(
            () => BatchOutput.Read("batch-7", "\n{\"custom_id\":\"a\"}\n", null, OpenAIApi.Chat));

        Assert.StartsWith("batch batch-7, output file line 2: not a batch line", error.Message,
            StringComparison.Ordinal);
    }
}
