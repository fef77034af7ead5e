using SelfInstruct.Tests.Support;
using Spectre.Console;
using Xunit;

namespace SelfInstruct.Tests.Core.Progress;

public sealed class ProgressLoopTests
{
    [Theory]
    [InlineData(InteractionSupport.No, false)]
    [InlineData(InteractionSupport.Yes, true)]
    public async Task Prints_a_line_per_report_when_not_interactive_or_plain_is_asked(
        InteractionSupport interactive, bool plain)
    {
        var (console, output) = Console(interactive);
        var view = new RecordingView();

        var result = await ProgressLoop.RunAsync(console, view, plain, ReportTwice);

        Assert.Equal(42, result);
        Assert.False(view.LiveShown);
        Assert.Equal(["report 1", "report 2"], Lines(output));
    }

    [Fact]
    public async Task Shows_the_latest_report_live_on_an_interactive_console()
    {
        var (console, output) = Console(InteractionSupport.Yes);
        var view = new RecordingView();

        await ProgressLoop.RunAsync(console, view, plain: false, ReportTwice);

        Assert.True(view.LiveShown);
        Assert.Equal("2", view.Shown[^1]);
        Assert.Empty(Lines(output));
    }

    [Fact]
    public async Task Rethrows_the_run_failure_once_the_display_is_closed()
    {
        var (console, _) = Console(InteractionSupport.Yes);
        var view = new RecordingView();

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ProgressLoop.RunAsync<string, int>(
            console, view, plain: false, _ => throw new InvalidDataException("bad row")));

        Assert.Equal("bad row", error.Message);
        Assert.True(view.LiveShown);
    }

    private static Task<int> ReportTwice(IProgress<string> progress)
    {
        progress.Report("1");
        progress.Report("2");
        return Task.FromResult(42);
    }

    private static (IAnsiConsole Console, StringWriter Output) Console(InteractionSupport interactive)
    {
        var output = new StringWriter();
        return (StringConsole.Create(output, interactive), output);
    }

    private static List<string> Lines(StringWriter output) =>
        output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private sealed class RecordingView : IProgressView<string>
    {
        public bool LiveShown { get; private set; }

        public List<string?> Shown { get; } = [];

        public TimeSpan? PlainInterval => null;

        public string Line(string progress) => $"report {progress}";

        public async Task ShowLiveAsync(IAnsiConsole console, Func<Action<string?>, Task> poll)
        {
            LiveShown = true;
            await poll(Shown.Add);
        }
    }
}
