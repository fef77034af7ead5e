using SelfInstruct.Generate.Filtering;
using Xunit;

namespace SelfInstruct.Tests.Generate.Filtering;

public sealed class InstanceFilterTests
{
    [Fact]
    public void Drops_each_invalid_instance_with_its_reason()
    {
        TaskInstance[] instances =
        [
            new("same", "same"), new("x", ""), new("List these:", "a"), new("a", "Here they are:"), new("q", "a"),
        ];

        var (kept, rejections) = InstanceFilter.Apply(instances, 5);

        Assert.Equal([new TaskInstance("q", "a")], kept);
        Assert.Equal(
            [InstanceFilter.InputEqualsOutput, InstanceFilter.EmptyOutput, InstanceFilter.EndsWithColon,
                InstanceFilter.EndsWithColon],
            rejections);
    }

    [Fact]
    public void Drops_every_instance_of_a_task_where_one_input_has_two_outputs()
    {
        TaskInstance[] instances = [new("2 + 2", "4"), new("3 + 3", "6"), new("2 + 2", "5")];

        var (kept, rejections) = InstanceFilter.Apply(instances, 5);

        Assert.Empty(kept);
        Assert.Equal(3, rejections.Count(reason => reason == InstanceFilter.ConflictingOutputs));
    }

    [Fact]
    public void Lets_empty_inputs_have_different_outputs()
    {
        TaskInstance[] instances = [new("", "Dirt Under the Nails"), new("", "The Balcony Harvest")];

        var (kept, rejections) = InstanceFilter.Apply(instances, 5);

        Assert.Equal(instances, kept);
        Assert.Empty(rejections);
    }

    [Fact]
    public void Removes_exact_duplicates_and_keeps_at_most_the_limit()
    {
        var instances = Enumerable.Range(0, 7).Select(i => new TaskInstance($"in {i}", $"out {i}"))
            .Prepend(new TaskInstance("in 0", "out 0"))
            .ToList();

        var (kept, rejections) = InstanceFilter.Apply(instances, 5);

        Assert.Equal(Enumerable.Range(0, 5).Select(i => new TaskInstance($"in {i}", $"out {i}")), kept);
        Assert.Equal(
            [InstanceFilter.Duplicate, InstanceFilter.OverLimit, InstanceFilter.OverLimit],
            rejections);
    }
}
