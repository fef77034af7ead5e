namespace SelfInstruct.Cli.Commands;

/// <summary>The formats <c>data export</c> writes.</summary>
internal enum ExportFormat
{
    Alpaca,
    [JsonStringEnumMemberName("selfinstruct")]
    SelfInstruct,
    [JsonStringEnumMemberName("openai-chat")]
    OpenAIChat,
    [JsonStringEnumMemberName("openai-completions")]
    OpenAICompletions,
}
