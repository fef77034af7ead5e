using SelfInstruct.Evaluate.Sets;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Evaluate.Sets;

public sealed class SuperNiTaskFolderTests
{
    private const string Task = """
        {
            "Definition": ["Answer yes or no."],
            "Categories": ["Answerability Classification"],
            "Positive Examples": [{"input": "Is ice cold?", "output": "yes", "explanation": "It is."}],
            "Instances": [
                {"id": "t1-1", "input": "Is fire cold?", "output": ["no"]},
                {"id": "t1-2", "input": "Is snow white?", "output": ["yes", "Yes."]},
                {"id": "t1-3", "input": "Is coal white?", "output": ["no"]}
            ]
        }
        """;

    [Fact]
    public void Reads_the_flat_layout_of_our_own_sample()
    {
        var set = SuperNiTaskFolder.Read(RepositoryRoot.PathTo(Path.Combine("data", "eval")), 100);

        Assert.Equal(12, set.Tasks.Count);
        Assert.Equal(240, set.InstanceCount);
        Assert.Empty(set.MissingTasks);
        Assert.Equal("selfinstruct_task01_entailment", set.Tasks[0].Id);
        Assert.Equal("Textual Entailment", set.Tasks[0].Category);
        Assert.Equal(2, set.Tasks[0].Demonstrations.Count);
        Assert.Equal(["contradiction", "entailment", "neutral"], set.Tasks[0].Labels!.Order(StringComparer.Ordinal));
        Assert.Null(set.Tasks[9].Labels);
    }

    [Fact]
    public void Reads_the_official_layout_and_takes_the_first_instances_of_each_task()
    {
        using var folder = new TemporaryFolder();
        Directory.CreateDirectory(folder.File("tasks"));
        Directory.CreateDirectory(Path.Combine(folder.Path, "splits", "default"));
        File.WriteAllText(Path.Combine(folder.Path, "splits", "default", "test_tasks.txt"), "task1_yes_no\n");
        File.WriteAllText(Path.Combine(folder.Path, "tasks", "task1_yes_no.json"), Task);

        var set = SuperNiTaskFolder.Read(folder.Path, 2);

        var task = Assert.Single(set.Tasks);
        Assert.Equal(["t1-1", "t1-2"], task.Instances.Select(instance => instance.Id));
        Assert.Equal(["yes", "Yes."], task.Instances[1].References);
        Assert.Equal("Answer yes or no.", task.Instruction);
    }

    [SharedDataFact]
    public void Reads_the_shared_sample_and_counts_the_listed_tasks_it_lacks()
    {
        var set = SuperNiTaskFolder.Read(SharedData.PathTo("data/superni"), 100);

        Assert.Equal(12, set.Tasks.Count);
        Assert.Equal(107, set.MissingTasks.Count);
        Assert.Equal(510, set.InstanceCount);
    }

    [Fact]
    public void Fails_clearly_when_no_listed_task_is_present()
    {
        using var folder = new TemporaryFolder();
        File.WriteAllText(folder.File("test_tasks.txt"), "task9_absent\ntask10_absent\n");

        var error = Assert.Throws<InvalidDataException>(() => SuperNiTaskFolder.Read(folder.Path, 100));

        Assert.Contains("none of 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_an_unknown_layout_naming_what_it_expected()
    {
        using var folder = new TemporaryFolder();
        File.WriteAllText(folder.File("task1.json"), Task);

        var error = Assert.Throws<InvalidDataException>(() => SuperNiTaskFolder.Read(folder.Path, 100));

        Assert.Contains("splits/default/test_tasks.txt", error.Message, StringComparison.Ordinal);
        Assert.Contains("no test_tasks.txt", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"Definition\": [\"Answer yes or no.\"],", "", "Definition")]
    [InlineData("\"input\": \"Is fire cold?\", \"output\": [\"no\"]", "\"input\": \"Is fire cold?\"",
        "Instances[0].output")]
    public void Names_the_file_and_the_field_when_a_field_is_missing(string search, string replacement, string field)
    {
        using var folder = new TemporaryFolder();
        File.WriteAllText(folder.File("test_tasks.txt"), "task1\n");
        File.WriteAllText(folder.File("task1.json"), Task.Replace(search, replacement, StringComparison.Ordinal));

        var error = Assert.Throws<InvalidDataException>(() => SuperNiTaskFolder.Read(folder.Path, 100));

        Assert.StartsWith($"{folder.File("task1.json")}: {field}: expected", error.Message, StringComparison.Ordinal);
    }
}
