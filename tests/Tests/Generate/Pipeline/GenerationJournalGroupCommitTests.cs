using SelfInstruct.Generate.Pipeline;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Generate.Pipeline;

/// <summary>The journal's group commit: many replies appended at once, one sync for those queued together.</summary>
public sealed class GenerationJournalGroupCommitTests
{
    [Fact]
    public async Task Keeps_every_whole_line_of_replies_appended_concurrently()
    {
        using var folder = new TemporaryFolder();
        var replies = Enumerable.Range(0, 300)
            .Select(index => new ModelReply($"key {index}", $"text {index}\nsecond line", index % 3 == 0, index, 1))
            .ToList();
        var (journal, _) = await GenerationJournal.OpenAsync(folder.Path, CancellationToken.None);
        await using (journal)
        {
            await Task.WhenAll(replies.Select(reply => Task.Run(() => journal.AppendAsync(reply,
                CancellationToken.None))));
        }

        var (again, contents) = await GenerationJournal.OpenAsync(folder.Path, CancellationToken.None);
        await again.DisposeAsync();

        Assert.False(contents.TornLineDropped);
        Assert.Equal(replies.OrderBy(reply => reply.Key, StringComparer.Ordinal),
            contents.Replies.OrderBy(reply => reply.Key, StringComparer.Ordinal));
    }
}
