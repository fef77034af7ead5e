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

        var (kept, rejections) = InstanceFilter.Apply(instances, 5, new Random(1));

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

        var (kept, rejections) = InstanceFilter.Apply(instances, 5, new Random(1));

        Assert.Empty(kept);
        Assert.Equal(3, rejections.Count(reason => reason == InstanceFilter.ConflictingOutputs));
    }

    [Fact]
    public void Lets_empty_inputs_have_different_outputs()
    {
        TaskInstance[] instances = [new("", "Dirt Under the Nails"), new("", "The Balcony Harvest")];

        var (kept, rejections) = InstanceFilter.Apply(instances, 5, new Random(1));

        Assert.Equal(instances, kept);
        Assert.Empty(rejections);
    }

    [Fact]
    public void Removes_exact_duplicates_and_keeps_a_seeded_sample_of_the_limit()
    {
        var distinct = Enumerable.Range(0, 7).Select(i => new TaskInstance($"in {i}", $"out {i}")).ToList();
        var instances = distinct.Prepend(new TaskInstance("in 0", "out 0")).ToList();

        var (kept, rejections) = InstanceFilter.Apply(instances, 5, new Random(3));
        var (again, _) = InstanceFilter.Apply(instances, 5, new Random(3));
        var samples = Enumerable.Range(0, 40)
            .Select(seed => InstanceFilter.Apply(instances, 5, new Random(seed)).Kept)
            .ToList();

        Assert.Equal(5, kept.Count);
        Assert.Equal(kept, again);
        Assert.Equal(kept.OrderBy(instance => distinct.IndexOf(instance)), kept);
        Assert.Equal([InstanceFilter.Duplicate, InstanceFilter.OverLimit, InstanceFilter.OverLimit], rejections);
        // Not the first five: across seeds, the last two instances are kept too.
        Assert.Contains(samples, sample => sample.Contains(distinct[6]));
        Assert.Contains(samples, sample => !sample.Contains(distinct[0]));
    }
}
