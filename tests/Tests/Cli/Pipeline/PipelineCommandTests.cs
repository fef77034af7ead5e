using SelfInstruct.Cli.Pipeline;
using SelfInstruct.Model;
using SelfInstruct.Tests.Model;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Cli.Pipeline;

[Collection(TorchSharpTests.Name)]
public sealed class PipelineCommandTests
{
    [Fact]
    public async Task A_reduced_demo_writes_every_output_and_a_rerun_skips_every_stage()
    {
        using var folder = new TemporaryFolder();
        var config = await PipelineConfigs.WriteReducedAsync(folder);
        var run = folder.File("run");

        var first = await CliRunner.RunAsync("", "pipeline", "--config", config);
        var ledgerAfterFirst = await File.ReadAllTextAsync(Path.Combine(run, StageLedger.FileName));
        var second = await CliRunner.RunAsync("", "pipeline", "--config", config);

        Assert.True(first.ExitCode == 0, first.Error + first.Output);
        Assert.Contains("what the loop did", first.Output);
        foreach (var file in new[]
                 {
                     "pipeline.json", "stages.json", "summary.json", "base/config.json",
                     "warmup/final/model.safetensors", "generate/dataset.parquet", "generate/stats.md",
                     "finetune/final/model.safetensors", "finetune/final/selfinstruct_prompt_format.json",
                     "finetune/metrics.jsonl", "finetune/loss.png", "evaluate/results.json",
                     "evaluate/predictions.parquet", "evaluate/report.md", "evaluate/report.html",
                 })
        {
            Assert.True(File.Exists(Path.Combine(run, file)), $"missing {file}");
        }
        using var tuned = LocalModel.Load(Path.Combine(run, "finetune/final"));
        using var untuned = LocalModel.Load(Path.Combine(run, "warmup/final"));
        Assert.Equal(untuned.Model.Config.MaxPositions, tuned.Model.Config.MaxPositions);
        using var results = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(run, "evaluate/results.json")));
        Assert.Equal(2, results.RootElement.GetProperty("models").GetArrayLength());
        var summary = await PipelineSummaryFile.ReadAsync(run, CancellationToken.None);
        var dataset = await ParquetDatasetStore.ReadAsync(
            Path.Combine(run, "generate/dataset.parquet"), CancellationToken.None);
        Assert.Equal(summary.Instances, dataset.Rows.Count);
        Assert.NotNull(summary.FirstLoss);
        Assert.NotNull(summary.Difference);
        Assert.True(second.ExitCode == 0, second.Error);
        foreach (var stage in new[] { "base", "warmup", "generate", "finetune", "evaluate" })
        {
            Assert.Contains($"{stage}: complete with the same inputs, skipped", second.Output);
        }
        Assert.Equal(ledgerAfterFirst, await File.ReadAllTextAsync(Path.Combine(run, StageLedger.FileName)));
    }

    [Fact]
    public async Task An_interrupted_stage_resumes_and_a_changed_stage_reruns_with_its_old_outputs_kept()
    {
        using var folder = new TemporaryFolder();
        var config = await PipelineConfigs.WriteReducedAsync(folder);
        var run = folder.File("run");
        Assert.Equal(0, (await CliRunner.RunAsync("", "pipeline", "--config", config)).ExitCode);
        var ledger = await StageLedger.LoadAsync(run, CancellationToken.None);
        var stages = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(run, StageLedger.FileName)));
        var evaluatePrint = stages.RootElement.GetProperty("evaluate").GetProperty("fingerprint").GetString()!;
        await ledger.StartAsync("evaluate", evaluatePrint, CancellationToken.None);
        File.Delete(Path.Combine(run, "evaluate/results.json"));

        var resumed = await CliRunner.RunAsync("", "pipeline", "--config", config);
        var changed = await CliRunner.RunAsync("", "pipeline", "--config", config, "--epochs", "3");

        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Contains("finetune: complete with the same inputs, skipped", resumed.Output);
        Assert.DoesNotContain("evaluate: complete", resumed.Output);
        Assert.True(File.Exists(Path.Combine(run, "evaluate/results.json")));
        Assert.True(changed.ExitCode == 0, changed.Error);
        Assert.Contains("generate: complete with the same inputs, skipped", changed.Output);
        Assert.Contains("Its inputs changed since the last run", changed.Output);
        Assert.Single(Directory.GetDirectories(run, "finetune.replaced-*"));
        Assert.Single(Directory.GetDirectories(run, "evaluate.replaced-*"));
    }

    [Fact]
    public async Task A_bad_config_reports_every_problem_at_once()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("bad.json");
        await File.WriteAllTextAsync(path, """
            {
              "seeds": "no/such/seeds.jsonl",
              "warmup": { "enabled": true, "list_examples": -1, "training": { "learning_rate": -1 } },
              "generate": { "backend": "openai", "model": "base", "num_instructions": 0, "templates": "mine" },
              "finetune": { "epochs": 0 },
              "evaluate": { "max_new_tokens": 0, "output": "elsewhere" }
            }
            """);

        var result = await CliRunner.RunAsync("", "pipeline", "--config", path);

        Assert.Equal(2, result.ExitCode);
        foreach (var problem in new[]
                 {
                     "seeds: no/such/seeds.jsonl does not exist", "warmup.list_examples must be at least 0",
                     "warmup.training.learning_rate must be positive",
                     "generate.model", "generate.num_instructions must be positive",
                     "finetune.epochs must be positive", "evaluate.max_new_tokens must be positive",
                     "evaluate.superni, user_oriented, dataset: expected exactly one evaluation set",
                     "generate: output, seeds and templates are the pipeline's", "evaluate.output: the pipeline's",
                 })
        {
            Assert.Contains(problem, result.Error);
        }
    }

    [Fact]
    public async Task A_misspelt_section_and_a_wrong_type_are_both_named()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("typo.json");
        await File.WriteAllTextAsync(path, """{ "generation": {}, "finetune": { "epochs": "two" } }""");

        var result = await CliRunner.RunAsync("", "pipeline", "--config", path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("generation: not a section", result.Error);
        Assert.Contains("finetune:", result.Error);
        Assert.Contains(path, result.Error);
    }
}
