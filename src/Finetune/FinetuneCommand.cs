using System.CommandLine;
using SelfInstruct.Core.Curation;
using Spectre.Console;

namespace SelfInstruct.Finetune;

/// <summary>
/// <c>selfinstruct finetune</c>: tunes a base checkpoint on an instruction dataset. Settings: the defaults of
/// <see cref="FinetuneConfig"/>, then <c>--config</c>, then the options below.
/// </summary>
public sealed class FinetuneCommand : StageCommand<FinetuneConfig>
{
    public FinetuneCommand(IAnsiConsole console)
        : base("finetune", "Fine-tune a checkpoint on an instruction dataset into a tuned checkpoint; resumable.",
            console, new FinetuneOptions(), "Print a line per logging step instead of a progress bar.")
    {
    }

    protected override async Task<int> RunAsync(ParseResult parse, FinetuneConfig config,
        CancellationToken cancellationToken)
    {
        Console.MarkupLine($"Fine-tuning [bold]{Markup.Escape(config.BaseModel)}[/] on " +
            $"[bold]{Markup.Escape(config.Data)}[/] ({PromptFormatFile.Name(config.Format)} format) into " +
            $"[bold]{Markup.Escape(config.Output)}[/].");
        if (await CuratedDataset.DescribeBesideAsync(config.Data, cancellationToken) is { } curation)
        {
            Console.MarkupLine($"{Markup.Escape(curation)}.");
        }
        if (config.Format == PromptFormatKind.Chat)
        {
            Console.MarkupLine(
                $"[dim]{Markup.Escape(ChatFormat.Of(ChatTemplate.Load(config.BaseModel)).Description)}.[/]");
        }
        var result = await ShowProgressAsync(parse, new FinetuneProgressView(),
            progress => TrainingProcess.CreateRun(config, ShowMemoryPlan)
                .RunAsync(config, progress, cancellationToken));
        Console.Write(FinetuneProgressView.Summary(result));
        return 0;
    }

    private void ShowMemoryPlan(MemoryPlan plan, long? free) =>
        Console.MarkupLine(Markup.Escape(FinetuneProgressView.MemoryPlanLine(plan, free)));
}
