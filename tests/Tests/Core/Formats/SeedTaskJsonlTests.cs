using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Core.Formats;

public sealed class SeedTaskJsonlTests
{
    private static readonly SeedTask[] _tasks =
    [
        new("seed_task_0", "haiku", "Write a haiku about autumn rain.",
            [new TaskInstance("", "Cold drops on the roof\n…")], false),
        new("seed_task_1", "sentiment", "Classify the review as positive or negative.",
            [new TaskInstance("Great food!", "positive"), new TaskInstance("Cold soup, \"rude\" staff.", "negative")],
            true),
    ];

    [Fact]
    public async Task Round_trips_every_field()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("seeds.jsonl");

        await SeedTaskJsonl.WriteAsync(path, _tasks, CancellationToken.None);
        var read = await SeedTaskJsonl.ReadAsync(path, CancellationToken.None);

        Assert.Equal(_tasks.Length, read.Count);
        for (var index = 0; index < _tasks.Length; index++)
        {
            Assert.Equal(_tasks[index] with { Instances = [] }, read[index] with { Instances = [] });
            Assert.Equal(_tasks[index].Instances, read[index].Instances);
        }
    }

    [Fact]
    public async Task Writes_the_original_key_order_with_readable_text()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("seeds.jsonl");

        await SeedTaskJsonl.WriteAsync(path, _tasks.Take(1), CancellationToken.None);

        Assert.Equal(
            "{\"id\":\"seed_task_0\",\"name\":\"haiku\",\"instruction\":\"Write a haiku about autumn rain.\"," +
            "\"instances\":[{\"input\":\"\",\"output\":\"Cold drops on the roof\\n…\"}],\"is_classification\":false}",
            File.ReadAllLines(path).Single());
    }

    [Theory]
    [InlineData("{\"id\": \"a\", \"instruction\": \"Do it now.\", \"instances\": [], \"is_classification\": false}",
        ":2: instances: expected a non-empty array of objects, found an array of 0 items")]
    [InlineData("{\"id\": \"a\", \"instruction\": \"Do it.\", \"instances\": [{\"input\": 1, \"output\": \"x\"}], " +
        "\"is_classification\": false}", ":2: instances[0].input: expected a string, found the number 1")]
    [InlineData("{\"id\": \"a\", \"instruction\": \"Do it.\", \"instances\": [{\"input\": \"\", \"output\": \"x\"}]}",
        ":2: is_classification: expected a value, found no such field")]
    [InlineData("{\"id\": \"a\", \"instruction\": \"Do it.\"", ":2: json: expected one JSON object per line")]
    [InlineData("[1, 2]", ":2: json: expected a JSON object, found an array of 2 items")]
    [InlineData("{\"id\": \"seed_task_0\", \"instruction\": \"Do it.\", \"instances\": [{\"input\": \"\", " +
        "\"output\": \"x\"}], \"is_classification\": true}", ":2: id: expected a unique id, found \"seed_task_0\"")]
    public async Task Reports_a_broken_line_with_file_line_field_expected_and_found(string brokenLine, string expected)
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("broken.jsonl");
        await File.WriteAllLinesAsync(path,
        [
            "{\"id\": \"seed_task_0\", \"name\": \"n\", \"instruction\": \"Write a poem.\", " +
                "\"instances\": [{\"input\": \"\", \"output\": \"x\"}], \"is_classification\": false}",
            brokenLine,
        ]);

        var exception = await Assert.ThrowsAsync<InvalidDataException>(
            () => SeedTaskJsonl.ReadAsync(path, CancellationToken.None));

        Assert.StartsWith(path + expected, exception.Message);
    }

    [SharedDataFact]
    public async Task Loads_the_original_175_seed_tasks()
    {
        var tasks = await SeedTaskJsonl.ReadAsync(
            SharedData.PathTo("data/self-instruct/seed_tasks.jsonl"), CancellationToken.None);

        Assert.Equal(175, tasks.Count);
        Assert.Equal(26, tasks.Count(task => task.IsClassification));
        Assert.Equal(50, tasks.Count(task => task.Instances.All(instance => instance.Input.Length == 0)));
        Assert.Equal("seed_task_174", tasks[^1].Id);
    }
}
