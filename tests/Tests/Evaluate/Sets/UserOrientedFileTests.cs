using SelfInstruct.Evaluate.Sets;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Evaluate.Sets;

public sealed class UserOrientedFileTests
{
    [SharedDataFact]
    public void Reads_the_252_user_oriented_instructions()
    {
        var set = UserOrientedFile.Read(SharedData.PathTo("data/self-instruct/user_oriented_instructions.jsonl"), 100);

        Assert.Equal(252, set.Tasks.Count);
        Assert.Equal("user_oriented_task_0", set.Tasks[0].Id);
        Assert.Equal("Grammarly", set.Tasks[0].Category);
        Assert.Equal("user_oriented_task_0-0", set.Tasks[0].Instances[0].Id);
        Assert.Single(set.Tasks[0].Instances[0].References);
    }

    [Fact]
    public void Names_the_line_and_the_field_when_a_field_is_missing()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("user.jsonl");
        File.WriteAllLines(path,
        [
            """{"id": "u0", "instruction": "Say hi.", "instances": [{"input": "", "output": "hi"}]}""",
            """{"id": "u1", "instances": [{"input": "", "output": "hi"}]}""",
        ]);

        var error = Assert.Throws<InvalidDataException>(() => UserOrientedFile.Read(path, 100));

        Assert.Equal($"{path}:2: instruction: expected a string, found nothing", error.Message);
    }
}
