using SelfInstruct.Generate.Batch;
using SelfInstruct.Generate.Pipeline;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Generate.Pipeline;

public sealed class GenerationJournalTests
{
    [Fact]
    public async Task Reads_back_the_batches_and_the_replies_after_the_last_batch()
    {
        using var folder = new TemporaryFolder();
        var reply = new ModelReply("k1", "text\nwith \"quotes\"", true, 12, 3);
        var batch = new BatchRecord(0, [], new Dictionary<string, long> { ["instructions.too_short"] = 2 },
            new Dictionary<GenerationStep, StepUsage> { [GenerationStep.Instructions] = new(1, 12, 3) });
        var (journal, _) = await GenerationJournal.OpenAsync(folder.Path, CancellationToken.None);
        await using (journal)
        {
            await journal.AppendAsync(reply with { Key = "before" }, CancellationToken.None);
            await journal.AppendAsync(batch, CancellationToken.None);
            await journal.AppendAsync(reply, CancellationToken.None);
        }

        var (again, contents) = await GenerationJournal.OpenAsync(folder.Path, CancellationToken.None);
        await again.DisposeAsync();

        Assert.Equal([reply], contents.Replies);
        var read = Assert.Single(contents.Batches);
        Assert.Equal(2, read.Rejections["instructions.too_short"]);
        Assert.Equal(new StepUsage(1, 12, 3), read.Usage[GenerationStep.Instructions]);
        Assert.False(contents.TornLineDropped);
    }

    [Fact]
    public async Task Keeps_the_api_batches_after_the_last_batch_with_their_keys_and_status()
    {
        using var folder = new TemporaryFolder();
        var batch = new BatchRecord(0, [], new Dictionary<string, long>(), new Dictionary<GenerationStep, StepUsage>());
        var submitted = new ApiBatchRecord("batch-2", "validating", "file-3", ["k1", "k2"]);
        var (journal, _) = await GenerationJournal.OpenAsync(folder.Path, CancellationToken.None);
        await using (journal)
        {
            await journal.AppendAsync(new ApiBatchRecord("batch-1", ApiBatchRecord.Consumed), CancellationToken.None);
            await journal.AppendAsync(batch, CancellationToken.None);
            await journal.AppendAsync(submitted, CancellationToken.None);
            await journal.AppendAsync(new ApiBatchRecord("batch-2", "in_progress"), CancellationToken.None);
        }

        var (again, contents) = await GenerationJournal.OpenAsync(folder.Path, CancellationToken.None);
        await again.DisposeAsync();

        Assert.Equal(["validating", "in_progress"], contents.ApiBatches.Select(record => record.Status));
        Assert.Equal(["k1", "k2"], contents.ApiBatches[0].Keys!);
        Assert.Equal("file-3", contents.ApiBatches[0].InputFileId);
        Assert.Single(contents.Batches);
    }

    [Fact]
    public async Task Cuts_an_unfinished_last_line_and_appends_after_the_last_whole_one()
    {
        using var folder = new TemporaryFolder();
        var path = Path.Combine(folder.Path, GenerationJournal.FileName);
        await File.WriteAllTextAsync(path, "{\"reply\":{\"key\":\"a\",\"text\":\"x\"}}\n{\"reply\":{\"ke");

        var (journal, contents) = await GenerationJournal.OpenAsync(folder.Path, CancellationToken.None);
        await using (journal)
        {
            await journal.AppendAsync(new ModelReply("b", "y", false, 0, 0), CancellationToken.None);
        }
        var (reopened, after) = await GenerationJournal.OpenAsync(folder.Path, CancellationToken.None);
        await reopened.DisposeAsync();

        Assert.True(contents.TornLineDropped);
        Assert.Equal(["a"], contents.Replies.Select(reply => reply.Key));
        Assert.Equal(["a", "b"], after.Replies.Select(reply => reply.Key));
        Assert.False(after.TornLineDropped);
    }

    [Fact]
    public async Task Names_the_line_of_a_broken_entry_that_is_not_the_last()
    {
        using var folder = new TemporaryFolder();
        await File.WriteAllTextAsync(Path.Combine(folder.Path, GenerationJournal.FileName),
            "{\"reply\":{\"key\":\"a\",\"text\":\"x\"}}\nnot json\n{\"batch\":null}\n");

        var error = await Assert.ThrowsAsync<InvalidDataException>(
            () => GenerationJournal.OpenAsync(folder.Path, CancellationToken.None));

        Assert.Contains($"{GenerationJournal.FileName}:2: expected a journal entry", error.Message,
            StringComparison.Ordinal);
    }
}
