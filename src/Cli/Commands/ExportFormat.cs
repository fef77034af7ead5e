namespace SelfInstruct.Cli.Commands;

/// <summary>The formats <c>data export</c> writes.</summary>
internal enum ExportFormat
{
    Alpaca,
    SelfInstruct,
    OpenAIChat,
    OpenAICompletions,
}
