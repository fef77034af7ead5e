using SelfInstruct.Generate.Batch;
using SelfInstruct.Generate.Pipeline;
using SelfInstruct.Generate.Reports;
using SelfInstruct.Tests.Support;
using Spectre.Console;
using Xunit;

namespace SelfInstruct.Tests.Generate.Reports;

public sealed class GenerationProgressViewTests
{
    private static readonly GenerationProgress _progress = new(100, 40, 30, 75,
        new Dictionary<string, long> { ["instructions.too_similar"] = 12, ["instances.empty_output"] = 3 },
        new Dictionary<GenerationStep, StepUsage> { [GenerationStep.Instructions] = new(20, 30_000, 4_000) },
        2, 0.125, TimeSpan.FromMinutes(3));

    [Fact]
    public void The_line_carries_counts_usage_cost_rate_and_eta()
    {
        var line = new GenerationProgressView().Line(_progress);

        Assert.Equal(
            "accepted 40/100, instances 75, rejections 15, requests 20 (2 in flight), tokens 30,000/4,000, " +
            "cost 0.1250, 10.0/min, ETA 0.00:06:00",
            line);
    }

    [Fact]
    public void The_table_shows_the_same_figures_and_the_reasons()
    {
        var output = new StringWriter();
        var console = StringConsole.Create(output);

        console.Write(GenerationProgressView.Table(_progress));

        Assert.Matches(@"│ accepted instructions\s+│\s+40 / 100 │", output.ToString());
        Assert.Matches(@"│ instructions.too_similar\s+│\s+12 │", output.ToString());
        Assert.Matches(@"│ ETA\s+│\s+0.00:06:00 │", output.ToString());
    }

    [Fact]
    public void Batch_api_rounds_show_their_requests_cost_and_wall_time_the_last_three_in_the_table()
    {
        var rounds = Enumerable.Range(0, 4)
            .Select(index => new RoundFigures(index, 1_500 + index, 0.25, TimeSpan.FromMinutes(90)))
            .ToList();
        var output = new StringWriter();

        StringConsole.Create(output).Write(GenerationProgressView.Table(_progress with { Rounds = rounds }));
        var line = new GenerationProgressView().Line(_progress with { Rounds = rounds });

        Assert.DoesNotContain("round 0", output.ToString(), StringComparison.Ordinal);
        Assert.Matches(@"│ round 1\s+│\s+1,501 requests, cost 0.2500, 0.01:30:00 │", output.ToString());
        Assert.Matches(@"│ round 3\s+│\s+1,503 requests, cost 0.2500, 0.01:30:00 │", output.ToString());
        Assert.EndsWith(", round 3: 1,503 requests, cost 0.2500, 0.01:30:00", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_live_view_shows_the_latest_report_on_an_interactive_console()
    {
        var output = new StringWriter();
        var console = StringConsole.Create(output, InteractionSupport.Yes);

        await ProgressLoop.RunAsync(console, new GenerationProgressView(), plain: false, progress =>
        {
            progress.Report(_progress);
            return Task.FromResult(0);
        });

        Assert.Matches(@"│ accepted instructions\s+│\s+40 / 100 │", output.ToString());
        Assert.DoesNotContain("accepted 40/100", output.ToString(), StringComparison.Ordinal);
    }
}
