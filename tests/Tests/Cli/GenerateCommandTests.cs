using SelfInstruct.Core.Formats;
using SelfInstruct.Tests.Fakes;
using SelfInstruct.Tests.Generate.Pipeline;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Cli;

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
        Assert.Contains("Stopped: TargetReached. 6 instructions; data, stats.md and plots in", result.Output,
            StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder.Path, "stats.md")));
        var dataset = await ParquetDatasetStore.ReadAsync(
            Path.Combine(folder.Path, "dataset.parquet"), CancellationToken.None);
        Assert.Equal(6, dataset.Rows.Select(row => row.TaskId).Distinct().Count());
        Assert.All(dataset.Rows, row => Assert.Equal("fake-model", row.Model));
        Assert.All(server.Requests, request => Assert.Equal("/v1/chat/completions", request.Path));
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

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("3 problems", result.Error, StringComparison.Ordinal);
        Assert.Contains("num_instructions must be positive, found 0", result.Error, StringComparison.Ordinal);
        Assert.Contains("similarity_threshold must lie in 0..1, found 2", result.Error, StringComparison.Ordinal);
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

        Assert.Equal(1, result.ExitCode);
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
