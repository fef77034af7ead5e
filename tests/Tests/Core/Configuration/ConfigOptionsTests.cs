using System.CommandLine;
using Xunit;

namespace SelfInstruct.Tests.Core.Configuration;

public sealed class ConfigOptionsTests
{
    [Fact]
    public void Each_option_given_sets_its_own_property_and_leaves_the_others_at_their_defaults()
    {
        var config = Resolve(new SampleOptions(), "--steps", "7", "--name", "run-b", "--out", "folder", "--fast", "--mode", "slow",
            "--tag", "x", "--tag", "y");

        Assert.Equal(7, config.Steps);
        Assert.Equal("run-b", config.Name);
        Assert.Equal(Path.GetFullPath("folder"), config.Output);
        Assert.True(config.Fast);
        Assert.Equal(SampleMode.Slow, config.Mode);
        Assert.Equal(["x", "y"], config.Tags);
        Assert.Null(config.Limit);
    }

    [Fact]
    public void Options_not_given_keep_the_records_defaults()
    {
        var config = Resolve(new SampleOptions());

        Assert.Equal(new SampleConfig().Steps, config.Steps);
        Assert.Equal(new SampleConfig().Name, config.Name);
        Assert.Equal(SampleMode.Quick, config.Mode);
        Assert.False(config.Fast);
    }

    [Fact]
    public void A_bad_choice_and_an_invalid_value_are_reported_together_with_their_keys()
    {
        var error = Assert.Throws<ConfigException>(() => Resolve(new SampleOptions(), "--mode", "fastest",
            "--steps", "0"));

        Assert.Contains("--mode", error.Message);
        Assert.Contains("quick", error.Message);
        Assert.Contains("slow", error.Message);
        Assert.Contains("steps must be positive", error.Message);
    }

    [Fact]
    public void The_help_shows_the_records_default_and_the_json_key_is_the_propertys()
    {
        var table = new SampleOptions();

        var steps = table.Bindings.Single(binding => binding.Option.Name == "--steps");

        Assert.Equal("max_steps", steps.JsonKey);
        Assert.EndsWith("[default: 3]", steps.Option.Description);
        Assert.Equal("limit", table.Bindings.Single(binding => binding.Option.Name == "--limit").JsonKey);
    }

    [Fact]
    public void A_lambda_that_reads_more_than_a_property_of_the_record_is_refused()
    {
        var table = new ConfigOptions<SampleConfig>("sample settings");

        Assert.Throws<ArgumentException>(() => table.Value("--twice", "N", "Twice the steps.",
            config => config.Steps * 2));
    }

    private static SampleConfig Resolve(SampleOptions table, params string[] arguments)
    {
        var command = new RootCommand();
        foreach (var option in table.All)
        {
            command.Options.Add(option);
        }
        return table.Resolve(command.Parse(arguments), new SampleConfig(), "sample settings");
    }

    private sealed class SampleOptions : ConfigOptions<SampleConfig>
    {
        public SampleOptions() : base("sample settings")
        {
            Value("--steps", "N", "Steps.", config => config.Steps);
            OptionalValue("--limit", "N", "A limit.", config => config.Limit, "none");
            Text("--name", "NAME", "A name.", config => config.Name);
            FilePath("--out", "DIR", "A folder.", config => config.Output);
            Flag("--fast", "Go fast.", config => config.Fast);
            Choice("--mode", "A mode.", config => config.Mode);
            List("--tag", "TAG", "Tags.", config => config.Tags, repeatable: true);
        }
    }
}

internal enum SampleMode
{
    Quick,
    Slow,
}

internal sealed record SampleConfig : IConfigRecord
{
    [JsonPropertyName("max_steps")]
    public int Steps { get; init; } = 3;

    public int? Limit { get; init; }

    public string Name { get; init; } = "run-a";

    public string Output { get; init; } = "";

    public bool Fast { get; init; }

    public SampleMode Mode { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public IReadOnlyList<string> Problems()
    {
        var problems = new ConfigProblems();
        problems.Positive("steps", Steps);
        return problems.List;
    }
}
