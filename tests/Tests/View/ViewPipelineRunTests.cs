using SelfInstruct.Cli.View;
using SelfInstruct.Core.Curation;
using SelfInstruct.Tests.Cli;
using SelfInstruct.Tests.Cli.Pipeline;
using SelfInstruct.Tests.Model;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.View;

/// <summary>The view over a real (reduced) pipeline run, and the pipeline retuning once the dataset is curated.</summary>
[Collection(TorchSharpTests.Name)]
public sealed class ViewPipelineRunTests
{
    [Fact]
    public async Task Reads_a_pipeline_run_and_a_curation_log_makes_the_pipeline_tune_again()
    {
        using var folder = new TemporaryFolder();
        var config = await PipelineConfigs.WriteReducedAsync(folder);
        var run = folder.File("run");
        var first = await CliRunner.RunAsync("", "pipeline", "--config", config);
        Assert.True(first.ExitCode == 0, first.Error + first.Output);

        var contents = await RunContents.LoadAsync(run, CancellationToken.None);
        await CurationLog.AppendAsync(contents.CurationLogPath!, new CurationEdit
        {
            TaskId = "machine_task_0",
            Action = CurationAction.Reject,
            Reason = "off topic",
            Who = "ana",
        }, CancellationToken.None);
        var second = await CliRunner.RunAsync("", "pipeline", "--config", config);

        Assert.Equal(RunFolderKind.Pipeline, contents.Folder.Kind);
        Assert.Equal(Path.Combine(run, "generate", CurationLog.FileName), contents.CurationLogPath);
        Assert.Equal(["base", "tuned"], contents.Evaluation!.Models);
        Assert.True(contents.Evaluation.Count > 0);
        Assert.Contains(contents.Plots, plot => plot.StartsWith("evaluate/", StringComparison.Ordinal));
        Assert.True(second.ExitCode == 0, second.Error + second.Output);
        Assert.Contains("generate: complete with the same inputs, skipped", second.Output);
        Assert.DoesNotContain("finetune: complete with the same inputs, skipped", second.Output);
        // The reduced run may keep no machine_task_0: the count says what was applied either way.
        Assert.Matches(@"curation\.jsonl: applied [01] of 1 curation edits", second.Output);
        Assert.DoesNotContain("curation.jsonl", first.Output);
    }
}
