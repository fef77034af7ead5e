using Microsoft.Extensions.Logging;

namespace SelfInstruct.Generate.Batch;

/// <summary>The Batch API path's log messages, source-generated.</summary>
internal static partial class BatchApiLog
{
    [LoggerMessage(Level = LogLevel.Information,
        Message = "Batch {Id} submitted: {Requests} requests in input file {FileId}")]
    public static partial void BatchSubmitted(this ILogger logger, string id, int requests, string fileId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch {Id}: {Status}")]
    public static partial void BatchStatus(this ILogger logger, string id, string status);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Batch {Id} {Status} with {Unanswered} requests unanswered; submitting them again")]
    public static partial void BatchResubmitting(this ILogger logger, string id, string status, int unanswered);
}
