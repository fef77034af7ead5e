using SelfInstruct.Core.Curation;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Core.Curation;

public sealed class CuratedDatasetTests
{
    private static readonly DatasetFile _dataset = new(
    [
        new DatasetRow { TaskId = "t0", Instruction = "Add the numbers.", Input = "1 2", Output = "3" },
        new DatasetRow { TaskId = "t0", Instruction = "Add the numbers.", Input = "2 2", Output = "5" },
        new DatasetRow { TaskId = "t1", Instruction = "Say hello.", Input = "", Output = "Hello" },
    ], new Dictionary<string, string> { ["selfinstruct.model"] = "m" });

    [Fact]
    public void Applies_edits_in_order_and_leaves_rejected_tasks_out()
    {
        CurationEdit[] edits =
        [
            Edit("t0", CurationField.Output, "4", instance: 1),
            Edit("t0", CurationField.Instruction, "Add the two numbers."),
            Edit("t0", CurationField.Instruction, "Sum the two numbers."),
            new() { TaskId = "t1", Action = CurationAction.Reject, Reason = "trivial" },
            Edit("gone", CurationField.Instruction, "No such task."),
            Edit("t0", CurationField.Input, "x", instance: 7),
        ];

        var curated = CuratedDataset.Apply(_dataset, edits);

        Assert.Equal((4, 6, 1), (curated.Applied, curated.Logged, curated.RejectedTasks));
        Assert.Equal(["3", "4"], curated.Dataset.Rows.Select(row => row.Output));
        Assert.All(curated.Dataset.Rows, row => Assert.Equal("Sum the two numbers.", row.Instruction));
        Assert.Equal(2, curated.Dataset.Rows.Count);
        Assert.Equal("5", _dataset.Rows[1].Output);
        Assert.Equal("m", curated.Dataset.Metadata["selfinstruct.model"]);
    }

    [Fact]
    public async Task Round_trips_edits_through_the_log_beside_the_dataset()
    {
        using var folder = new TemporaryFolder();
        var dataset = folder.File("dataset.parquet");
        var edit = Edit("t0", CurationField.Output, "Quatre \"4\"\n", instance: 0) with
        {
            Before = "3",
            Who = "ana",
            When = new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero),
        };

        await CurationLog.AppendAsync(CurationLog.PathBeside(dataset), edit, CancellationToken.None);
        var curated = CuratedDataset.Beside(dataset, _dataset);

        Assert.Equal(edit, Assert.Single(CurationLog.Read(folder.File(CurationLog.FileName))));
        Assert.Equal("Quatre \"4\"\n", curated.Dataset.Rows[0].Output);
        Assert.Contains("\"action\":\"edit\",\"field\":\"output\"",
            await File.ReadAllTextAsync(folder.File(CurationLog.FileName)));
    }

    [Fact]
    public async Task Names_the_file_and_line_of_an_unusable_edit()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File(CurationLog.FileName);
        await File.WriteAllTextAsync(path, "{\"task_id\":\"t0\",\"action\":\"reject\",\"reason\":\"x\"}\n" +
            "{\"task_id\":\"t0\",\"action\":\"reject\"}\n");

        var exception = Assert.Throws<InvalidDataException>(() => CurationLog.Read(path));

        Assert.Equal($"{path}:2: edit: expected a curation edit, found reason: a rejection needs a reason",
            exception.Message);
    }

    private static CurationEdit Edit(string task, CurationField field, string after, int? instance = null) => new()
    {
        TaskId = task,
        Action = CurationAction.Edit,
        Field = field,
        Instance = instance,
        After = after,
    };
}
