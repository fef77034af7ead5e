using SelfInstruct.Tests.Cli;
using SelfInstruct.Tests.Fakes;
using SelfInstruct.Tests.Generate.Pipeline;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Generate;

[Collection(SelfInstruct.Tests.Model.TorchSharpTests.Name)]
public sealed class GenerateCommandTests
{
    [Fact]
    public async Task Generates_a_dataset_through_an_openai_compatible_server()
    {
        using var folder = new TemporaryFolder();
        using var server = new FakeOpenAIServer(request => FakeOpenAIServer.Chat(
            ScriptedModel.Answer(request.Body["messages"]!.AsArray()[^1]!["content"]!.GetValue<string>()).Text));

        var result = await CliRunner.RunAsync("", "generate", "--out", folder.Path, "--base-url",
            server.BaseUrl.ToString(), "--model", "fake-model", "--num-instructions", "6", "--concurrency", "2",
            "--seeds", RepositoryRoot.PathTo("data/seed_tasks.jsonl"), "--price-in", "1", "--price-out", "2",
            "--backend", "openai", "--api", "chat");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("accepted 6/6", result.Output, StringComparison.Ordinal);
        Assert.Contains("Stopped: TargetReached. 6 instructions; data, its dataset card (README.md), stats.md and " +
            "plots in", result.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder.Path, "stats.md")));
        var dataset = await ParquetDatasetStore.ReadAsync(
            Path.Combine(folder.Path, "dataset.parquet"), CancellationToken.None);
        var card = File.ReadAllText(Path.Combine(folder.Path, "README.md"));
        Assert.Contains($"  splits:\n  - name: train\n    num_examples: {dataset.Rows.Count}\n", card,
            StringComparison.Ordinal);
        Assert.Contains("| generator model | `fake-model` (openai backend) |", card, StringComparison.Ordinal);
        Assert.Equal(6, dataset.Rows.Select(row => row.TaskId).Distinct().Count());
        Assert.All(dataset.Rows, row => Assert.Equal("fake-model", row.Model));
        Assert.All(server.Requests, request => Assert.Equal("/v1/chat/completions", request.Path));
    }

    [Fact]
    public async Task Retries_server_errors_cut_off_bodies_and_stalls_counting_each_by_fault()
    {
        using var folder = new TemporaryFolder();
        var count = 0;
        using var server = new FakeOpenAIServer(request => Interlocked.Increment(ref count) switch
        {
            var n when n % 7 == 2 => FakeOpenAIServer.Error(500),
            var n when n % 7 == 4 => new FakeOpenAIReply(200, "{\"choices\": [{\"message\""),
            var n when n % 7 == 6 => FakeOpenAIServer.Chat("too late") with { Delay = TimeSpan.FromSeconds(4) },
            _ => FakeOpenAIServer.Chat(ScriptedModel.Answer(
                request.Body["messages"]!.AsArray()[^1]!["content"]!.GetValue<string>()).Text),
        });
        await File.WriteAllTextAsync(folder.File("run.json"),
            """{ "request_timeout_seconds": 1, "max_retries": 0, "response_cache": false }""");

        var result = await CliRunner.RunAsync("", "generate", "--out", folder.File("out"), "--base-url",
            server.BaseUrl.ToString(), "--num-instructions", "6", "--config", folder.File("run.json"),
            "--seeds", RepositoryRoot.PathTo("data/seed_tasks.jsonl"));

        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        Assert.Contains("accepted 6/6", result.Output, StringComparison.Ordinal);
        Assert.Matches(@"rejected or failed: \w+\.retried_server_error\s+│\s+[1-9]", result.Output);
        Assert.Matches(@"rejected or failed: \w+\.retried_malformed_response\s+│\s+[1-9]", result.Output);
        Assert.Matches(@"rejected or failed: \w+\.retried_timeout\s+│\s+[1-9]", result.Output);
        var stats = await File.ReadAllTextAsync(Path.Combine(folder.File("out"), "stats.md"));
        var total = Regex.Match(stats, @"\| total \| (\d+) \| [\d,]+ \| [\d,]+ \| (\d+) \| ([\d.]+) \|");
        Assert.True(total.Success, stats);
        Assert.True(int.Parse(total.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.True(double.Parse(total.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture) > 0);
        var dataset = await ParquetDatasetStore.ReadAsync(
            Path.Combine(folder.File("out"), "dataset.parquet"), CancellationToken.None);
        var withoutInstances = Regex.Match(result.Output, @"instances\.task_without_instances\s+│\s+(\d+)");
        var dropped = withoutInstances.Success
            ? int.Parse(withoutInstances.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
            : 0;
        Assert.Equal(6 - dropped, dataset.Rows.Select(row => row.TaskId).Distinct().Count());
    }

    [Fact]
    public async Task Generates_with_an_in_process_checkpoint_and_no_key()
    {
        using var folder = new TemporaryFolder();
        var init = await CliRunner.RunAsync("", "model", "init", "--arch", "gpt2", "--preset", "tiny",
            "--context-length", "1536", "--out", folder.File("tiny"));
        Assert.True(init.ExitCode == 0, init.Error);
        await File.WriteAllTextAsync(folder.File("run.json"), """
            { "requests_per_batch": 1, "instruction_max_tokens": 8, "max_batches_without_progress": 2 }
            """);

        var result = await CliRunner.RunAsync("", "generate", "--out", folder.File("out"), "--backend", "local",
            "--model", folder.File("tiny"), "--api", "completions", "--num-instructions", "1", "--config",
            folder.File("run.json"), "--api-key-env", "SELFINSTRUCT_TEST_UNSET_VARIABLE",
            "--seeds", RepositoryRoot.PathTo("data/seed_tasks.jsonl"));

        // A random model writes noise the filters reject, so the run stops for lack of progress, having asked it.
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("Stopped: NoProgress.", result.Output, StringComparison.Ordinal);
        Assert.Contains("requests 2", result.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder.File("out"), "dataset.parquet")));
    }

    [Fact]
    public async Task Counts_prompts_over_a_local_model_context_as_bad_requests()
    {
        using var folder = new TemporaryFolder();
        var init = await CliRunner.RunAsync("", "model", "init", "--arch", "llama", "--preset", "tiny", "--out",
            folder.File("short"));
        Assert.True(init.ExitCode == 0, init.Error);
        await File.WriteAllTextAsync(folder.File("run.json"), """
            { "requests_per_batch": 1, "max_batches_without_progress": 2 }
            """);

        var result = await CliRunner.RunAsync("", "generate", "--out", folder.File("out"), "--backend", "local",
            "--model", folder.File("short"), "--api", "completions", "--num-instructions", "1", "--config",
            folder.File("run.json"), "--seeds", RepositoryRoot.PathTo("data/seed_tasks.jsonl"));

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("Stopped: NoProgress.", result.Output, StringComparison.Ordinal);
        Assert.Matches(@"rejected or failed: instructions\.bad_request\s+│\s+2 │", result.Output);
    }

    [Fact]
    public async Task Says_which_chat_format_a_local_chat_model_is_asked_through()
    {
        using var folder = new TemporaryFolder();
        var checkpoint = await TemplatedCheckpoint.CreateAsync(folder.File("model"));
        await File.WriteAllTextAsync(folder.File("run.json"), """
            { "requests_per_batch": 1, "max_batches_without_progress": 1 }
            """);

        var result = await CliRunner.RunAsync("", "generate", "--out", folder.File("out"), "--backend", "local",
            "--model", checkpoint, "--api", "chat", "--num-instructions", "1", "--config", folder.File("run.json"),
            "--seeds", RepositoryRoot.PathTo("data/seed_tasks.jsonl"));

        Assert.True(result.ExitCode == 0, result.Error);
        // The console wraps at 120 columns; the words must be there in order wherever it wraps.
        Assert.Contains(Regex.Replace($"chat turns use the chat template of {Path.Combine(checkpoint,
            ChatTemplate.FileName)}", @"\s", ""), Regex.Replace(result.Output, @"\s", ""), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sends_the_key_from_the_named_variable_and_writes_it_nowhere()
    {
        using var folder = new TemporaryFolder();
        const string variable = "SELFINSTRUCT_TEST_GENERATE_KEY";
        const string key = "sk-test-4f1c9a7e2b";
        Environment.SetEnvironmentVariable(variable, key);
        using var server = new FakeOpenAIServer(request => FakeOpenAIServer.Chat(
            ScriptedModel.Answer(request.Body["messages"]!.AsArray()[^1]!["content"]!.GetValue<string>()).Text));

        var result = await CliRunner.RunAsync("", "generate", "--out", folder.Path, "--base-url",
            server.BaseUrl.ToString(), "--num-instructions", "2", "--api-key-env", variable,
            "--seeds", RepositoryRoot.PathTo("data/seed_tasks.jsonl"));

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.All(server.Requests, request => Assert.Equal($"Bearer {key}", request.Authorization));
        Assert.DoesNotContain(key, result.Output + result.Error, StringComparison.Ordinal);
        foreach (var file in Directory.GetFiles(folder.Path, "*", SearchOption.AllDirectories))
        {
            Assert.DoesNotContain(key, await File.ReadAllTextAsync(file), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Dry_run_estimates_requests_tokens_and_cost_and_sends_nothing()
    {
        using var folder = new TemporaryFolder();

        var result = await CliRunner.RunAsync("", "generate", "--out", folder.Path, "--dry-run",
            "--num-instructions", "700", "--price-in", "0.15", "--price-out", "0.6",
            "--seeds", RepositoryRoot.PathTo("data/seed_tasks.jsonl"));

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"│ instruction generation requests\s+│\s+200 │", result.Output);
        Assert.Matches(@"│ requests in total\s+│\s+1,600 │", result.Output);
        Assert.Contains("nothing was sent", result.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public async Task Reports_every_bad_setting_at_once()
    {
        using var folder = new TemporaryFolder();
        await File.WriteAllTextAsync(folder.File("run.json"), """{ "similarity_threshold": 2 }""");

        var result = await CliRunner.RunAsync("", "generate", "--out", folder.Path, "--config", folder.File("run.json"),
            "--num-instructions", "0", "--concurrency", "-1");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("3 problems", result.Error, StringComparison.Ordinal);
        Assert.Contains("num_instructions must be positive, found 0", result.Error, StringComparison.Ordinal);
        Assert.Contains("similarity_threshold must lie in [0, 1], found 2", result.Error, StringComparison.Ordinal);
        Assert.Contains("concurrency must be positive, found -1", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Names_the_missing_key_variable_without_a_base_url()
    {
        using var folder = new TemporaryFolder();

        var result = await CliRunner.RunAsync("", "generate", "--out", folder.Path,
            "--api-key-env", "SELFINSTRUCT_TEST_UNSET_KEY_VARIABLE",
            "--seeds", RepositoryRoot.PathTo("data/seed_tasks.jsonl"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("set the environment variable SELFINSTRUCT_TEST_UNSET_KEY_VARIABLE", result.Error,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Names_file_line_and_field_of_a_broken_seed_file()
    {
        using var folder = new TemporaryFolder();
        await File.WriteAllTextAsync(folder.File("seeds.jsonl"),
            "{\"id\": \"s0\", \"name\": \"a\", \"instruction\": \"Do it.\", " +
            "\"instances\": [{\"input\": \"\", \"output\": \"ok\"}], " +
            "\"is_classification\": false}\n{\"id\": \"s1\", \"instruction\": 5}\n");

        var result = await CliRunner.RunAsync("", "generate", "--out", folder.File("out"), "--dry-run",
            "--seeds", folder.File("seeds.jsonl"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{folder.File("seeds.jsonl")}:2: instances: expected a value, found no such field",
            result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_templates_folder_replaces_a_prompt_and_its_version_reaches_the_dataset()
    {
        using var folder = new TemporaryFolder();
        Directory.CreateDirectory(folder.File("templates"));
        await File.WriteAllTextAsync(folder.File("templates/classification-identification.txt"),
            "version: ours-7\nTask: {{instruction}}\nIs it classification?\n");
        using var server = new FakeOpenAIServer(request => FakeOpenAIServer.Chat(
            ScriptedModel.Answer(request.Body["messages"]!.AsArray()[^1]!["content"]!.GetValue<string>()).Text));

        var result = await CliRunner.RunAsync("", "generate", "--out", folder.File("out"), "--base-url",
            server.BaseUrl.ToString(), "--num-instructions", "2", "--templates", folder.File("templates"),
            "--seeds", RepositoryRoot.PathTo("data/seed_tasks.jsonl"));

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains(server.Requests, request => request.Body["messages"]!.AsArray()[^1]!["content"]!
            .GetValue<string>().StartsWith("Task: ", StringComparison.Ordinal));
        var dataset = await ParquetDatasetStore.ReadAsync(
            Path.Combine(folder.File("out"), "dataset.parquet"), CancellationToken.None);
        Assert.Contains("classification-identification@ours-7", dataset.Metadata["selfinstruct.prompt_version"],
            StringComparison.Ordinal);
        Assert.All(dataset.Rows, row => Assert.Contains("@ours-7", row.PromptVersion, StringComparison.Ordinal));
    }
}
