using SelfInstruct.Cli.Pipeline;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Cli.Pipeline;

public sealed class StageLedgerTests
{
    [Fact]
    public async Task A_stage_runs_then_resumes_then_skips_and_is_replaced_when_its_inputs_change()
    {
        using var folder = new TemporaryFolder();
        var ledger = await StageLedger.LoadAsync(folder.Path, CancellationToken.None);

        var never = ledger.Decide("generate", "a");
        await ledger.StartAsync("generate", "a", CancellationToken.None);
        var interrupted = (await StageLedger.LoadAsync(folder.Path, CancellationToken.None)).Decide("generate", "a");
        await ledger.CompleteAsync("generate", "a", CancellationToken.None);
        var reloaded = await StageLedger.LoadAsync(folder.Path, CancellationToken.None);

        Assert.Equal(StageAction.Run, never);
        Assert.Equal(StageAction.Resume, interrupted);
        Assert.Equal(StageAction.Skip, reloaded.Decide("generate", "a"));
        Assert.Equal(StageAction.Replace, reloaded.Decide("generate", "b"));
        Assert.Equal(StageAction.Run, reloaded.Decide("finetune", "a"));
    }

    [Fact]
    public async Task A_damaged_ledger_is_named_with_the_way_out()
    {
        using var folder = new TemporaryFolder();
        await File.WriteAllTextAsync(folder.File(StageLedger.FileName), "{ \"generate\": ");

        var error = await Assert.ThrowsAsync<InvalidDataException>(
            () => StageLedger.LoadAsync(folder.Path, CancellationToken.None));

        Assert.Contains(StageLedger.FileName, error.Message);
        Assert.Contains("delete it", error.Message);
    }
}
