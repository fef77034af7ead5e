using SelfInstruct.Evaluate.Decontamination;
using SelfInstruct.Tests.Support;
using Xunit;
using static SelfInstruct.Tests.Evaluate.Decontamination.DecontaminationSamples;

namespace SelfInstruct.Tests.Evaluate.Decontamination;

public sealed class DecontaminationFilesTests
{
    [Fact]
    public async Task Dropping_keeps_every_other_row_and_the_metadata_as_they_were()
    {
        using var folder = new TemporaryFolder();
        var metadata = new Dictionary<string, string> { ["selfinstruct.model"] = "m" };
        var dataset = new DatasetFile(Rows(), metadata);
        var report = Decontaminator.Check("data", dataset.Rows, [Set()], new DecontaminationSettings());

        await DecontaminationFiles.WriteWithoutAsync(folder.File("clean.parquet"), dataset, report.FlaggedTaskIds(),
            CancellationToken.None);

        var read = await DatasetFiles.ReadAsync(folder.File("clean.parquet"), null, CancellationToken.None);
        Assert.Equal(Rows().Where(row => row.TaskId is not ("near-copy" or "copied-instance")), read.Rows);
        Assert.Equal("m", read.Metadata["selfinstruct.model"]);
    }

    [Fact]
    public async Task The_json_report_reads_back_and_the_markdown_shows_the_pairs_side_by_side()
    {
        using var folder = new TemporaryFolder();
        var report = Decontaminator.Check("data", Rows(), [Set()], new DecontaminationSettings());

        var written = await DecontaminationFiles.WriteAsync(folder.Path, report, CancellationToken.None);

        var read = await DecontaminationFiles.ReadAsync(folder.File(DecontaminationFiles.JsonFileName),
            CancellationToken.None);
        Assert.Equal(report.Flagged, read.Flagged);
        Assert.Equal(report.Sets, read.Sets);
        Assert.Equal(folder.File(DecontaminationFiles.MarkdownFileName), written.Markdown);
        var markdown = await File.ReadAllTextAsync(written.Markdown!);
        Assert.Contains("| near-copy | Classify the sentiment of the given film review as positive or negative. | " +
            "eval | task1_sentiment | " + EvaluationInstruction + " | 0.92 |  | yes |", markdown,
            StringComparison.Ordinal);
        Assert.Contains("They were kept", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_a_report_is_named()
    {
        using var folder = new TemporaryFolder();
        await File.WriteAllTextAsync(folder.File("bad.json"), "{\"dataset\": 3}");

        var exception = await Assert.ThrowsAsync<InvalidDataException>(() =>
            DecontaminationFiles.ReadAsync(folder.File("bad.json"), CancellationToken.None));

        Assert.StartsWith(folder.File("bad.json"), exception.Message, StringComparison.Ordinal);
    }
}
