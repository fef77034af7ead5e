using SelfInstruct.Cli.View;
using SelfInstruct.Generate.Pipeline;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.View;

public sealed class JournalDigestTests
{
    private const string Batch =
        """{"batch":{"index":0,"tasks":[{"id":"machine_task_0","most_similar":[],"requests":["big","missing"]}],"rejections":{"instructions.too_similar":2},"usage":{}}}""";

    [Fact]
    public async Task Finds_a_reply_longer_than_its_read_buffer_and_leaves_a_torn_last_line_out()
    {
        using var folder = new TemporaryFolder();
        var response = new string('é', 3 << 20);
        var (journal, _) = await GenerationJournal.OpenAsync(folder.Path, CancellationToken.None);
        await using (journal)
        {
            await journal.AppendAsync(new ModelReply("big", response, false, 1, 1, GenerationStep.Instances, "prompt"),
                CancellationToken.None);
        }
        var path = Path.Combine(folder.Path, GenerationJournal.FileName);
        await File.AppendAllTextAsync(path, Batch + "\n" + Batch[..40]);

        var digest = JournalDigest.Read(folder.Path);

        var exchange = Assert.Single(digest.ExchangesOf("machine_task_0"));
        Assert.Equal((GenerationStep.Instances, "prompt", response), (exchange.Step, exchange.Prompt, exchange.Response));
        Assert.Equal(2, Assert.Single(digest.Rejections).Value);
    }

    [Fact]
    public async Task Names_the_line_of_a_complete_batch_line_without_its_tasks()
    {
        using var folder = new TemporaryFolder();
        var path = Path.Combine(folder.Path, GenerationJournal.FileName);
        await File.WriteAllTextAsync(path, Batch + "\n" + """{"batch":{"index":"one"}}""" + "\n" + Batch + "\n");

        var error = Assert.Throws<InvalidDataException>(() => JournalDigest.Read(folder.Path));

        Assert.StartsWith($"{path}:2: batch:", error.Message, StringComparison.Ordinal);
    }
}
