using SelfInstruct.Generate.Configuration;
using SelfInstruct.Generate.Pipeline;
using Xunit;

namespace SelfInstruct.Tests.Generate.Pipeline;

public sealed class InstanceTokenBudgetTests
{
    private static readonly GenerationConfig _config = new()
    {
        RequestsPerBatch = 5,
        InstanceMaxTokens = 300,
        InstanceMaxTokensWithoutClassification = 350,
    };

    [Fact]
    public void A_group_with_a_classification_task_gets_the_smaller_limit_for_all_its_tasks()
    {
        bool[] classes = [false, false, true, false, false, false, false, false, false, false, false, true];

        var limits = InstanceTokenBudget.PerTask(classes, _config);

        Assert.Equal([300, 300, 300, 300, 300, 350, 350, 350, 350, 350, 300, 300], limits);
    }

    [Fact]
    public void Groups_without_classification_tasks_get_the_larger_limit()
    {
        var limits = InstanceTokenBudget.PerTask([false, false, false, false, false, false, false], _config);

        Assert.All(limits, limit => Assert.Equal(350, limit));
        Assert.Equal(7, limits.Count);
    }
}
