using Microsoft.Extensions.Logging;

namespace SelfInstruct.Generate.Pipeline;

/// <summary>The pipeline's log messages, source-generated.</summary>
internal static partial class GenerationLog
{
    [LoggerMessage(Level = LogLevel.Information,
        Message = "Resumed {Batches} batches with {Tasks} accepted tasks from the journal (torn line cut: {Torn})")]
    public static partial void Resumed(this ILogger logger, int batches, int tasks, bool torn);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Batch {Index} committed: {New} new instructions, {Accepted} of {Target} accepted")]
    public static partial void BatchCommitted(this ILogger logger, int index, int @new, int accepted, int target);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Step} request failed ({Reason}): {Error}")]
    public static partial void RequestFailed(this ILogger logger, GenerationStep step, string reason, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run stopped: {Reason}")]
    public static partial void Stopped(this ILogger logger, StopReason reason);

    [LoggerMessage(Level = LogLevel.Trace, Message = "{Step} prompt:\n{Prompt}\nresponse:\n{Response}")]
    public static partial void Exchange(this ILogger logger, GenerationStep step, string prompt, string response);
}
