using SelfInstruct.Evaluate.Decontamination;
using Xunit;
using static SelfInstruct.Tests.Evaluate.Decontamination.DecontaminationSamples;

namespace SelfInstruct.Tests.Evaluate.Decontamination;

public sealed class DecontaminatorTests
{
    [Fact]
    public void Flags_an_evaluation_instruction_reworded_by_one_word()
    {
        var report = Decontaminator.Check("data", Rows(), [Set()], new DecontaminationSettings());

        var pair = Assert.Single(report.Flagged, pair => pair.TaskId == "near-copy");
        Assert.Equal("task1_sentiment", pair.EvaluationTaskId);
        // 11 of 12 tokens in common: F = 11/12.
        Assert.Equal(11.0 / 12, pair.RougeL, 12);
        Assert.Null(pair.SharedNGram);
    }

    [Fact]
    public void Flags_a_task_that_carries_an_evaluation_instance_and_names_the_instance()
    {
        var report = Decontaminator.Check("data", Rows(), [Set()], new DecontaminationSettings());

        var pair = Assert.Single(report.Flagged, pair => pair.TaskId == "copied-instance");
        Assert.Equal("task2_story", pair.EvaluationTaskId);
        Assert.Equal("task2-0", pair.EvaluationInstanceId);
        Assert.Equal("the quick brown fox jumps over the lazy dog while the farmer watches", pair.SharedNGram);
        Assert.True(pair.RougeL < 0.7);
    }

    [Fact]
    public void Ignores_unrelated_tasks_and_a_run_one_token_short()
    {
        var report = Decontaminator.Check("data", Rows(), [Set()], new DecontaminationSettings());

        Assert.Equal(["near-copy", "copied-instance"], report.Flagged.Select(pair => pair.TaskId));
        Assert.Equal(2, report.FlaggedTasks);
        Assert.Equal(5, report.Tasks);
        Assert.Equal(6, report.Rows);
    }

    [Fact]
    public void A_shorter_n_gram_flags_the_run_of_twelve()
    {
        var report = Decontaminator.Check("data", Rows(), [Set()], new DecontaminationSettings { NGramLength = 12 });

        Assert.Contains(report.Flagged, pair => pair.TaskId == "twelve-tokens");
    }

    [Fact]
    public void Counts_each_check_per_set_and_lists_the_closest_pairs_first()
    {
        var report = Decontaminator.Check("data", Rows(), [Set(), Set() with { Name = "again" }],
            new DecontaminationSettings { ClosestPairs = 3 });

        Assert.Equal(["eval", "again"], report.Sets.Select(set => set.Name));
        Assert.All(report.Sets, set => Assert.Equal((2, 1, 1, 2, 2), (set.FlaggedTasks, set.ByRougeL, set.ByNGram,
            set.Tasks, set.Instances)));
        Assert.Equal(4, report.Flagged.Count);
        Assert.Equal(2, report.FlaggedTasks);
        Assert.Equal(3, report.Closest.Count);
        Assert.Equal(["near-copy", "near-copy"], report.Closest.Take(2).Select(pair => pair.TaskId));
        Assert.True(report.Closest[1].RougeL >= report.Closest[2].RougeL);
    }

    [Fact]
    public void Gives_the_same_report_on_one_core_as_on_all()
    {
        var rows = Enumerable.Range(0, 50).SelectMany(index => Rows().Select(row => row with
        {
            TaskId = $"{row.TaskId}-{index}",
        })).ToList();

        var one = Decontaminator.Check("data", rows, [Set()], new DecontaminationSettings(), 1);
        var all = Decontaminator.Check("data", rows, [Set()], new DecontaminationSettings(), -1);

        Assert.Equal(100, one.FlaggedTasks);
        Assert.Equal(one.Flagged, all.Flagged);
        Assert.Equal(one.Closest, all.Closest);
    }

    [Fact]
    public void Refuses_settings_out_of_range_naming_each()
    {
        var exception = Assert.Throws<ConfigException>(() => Decontaminator.Check("data", Rows(), [Set()],
            new DecontaminationSettings { RougeLThreshold = 0, NGramLength = 0 }));

        Assert.Contains("rouge_l_threshold", exception.Message, StringComparison.Ordinal);
        Assert.Contains("n_gram_length", exception.Message, StringComparison.Ordinal);
    }
}
