namespace SelfInstruct.Backends;

/// <summary>
/// A request the backend could not complete, with a short reason the pipeline counts. A fatal one (a refused key,
/// an unknown model, an unreachable server) stops the run; the others cost only the request.
/// </summary>
public sealed class BackendException : Exception
{
    /// <summary>The key was refused (401 or 403).</summary>
    public const string Unauthorized = "unauthorized";

    /// <summary>The server does not know the model or the path (404).</summary>
    public const string NotFound = "not_found";

    /// <summary>Still rate limited (429) after the retries.</summary>
    public const string RateLimited = "rate_limited";

    /// <summary>The server failed (5xx) after the retries.</summary>
    public const string ServerError = "server_error";

    /// <summary>The server rejected the request (400, 422), for example a prompt over the context length.</summary>
    public const string BadRequest = "bad_request";

    /// <summary>No answer within the request timeout.</summary>
    public const string Timeout = "timeout";

    /// <summary>No connection to the server.</summary>
    public const string Unreachable = "unreachable";

    /// <summary>An answer that is not the JSON the API defines.</summary>
    public const string MalformedResponse = "malformed_response";

    public BackendException(string reason, string message, bool isFatal, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
        IsFatal = isFatal;
    }

    /// <summary>One of the reason constants.</summary>
    public string Reason { get; }

    /// <summary>Whether retrying other requests is pointless.</summary>
    public bool IsFatal { get; }

    /// <summary>How long the server asked to wait before the next attempt (Retry-After), when it said.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>What the attempts behind this failure were, when it was retried.</summary>
    public TransportAttempts? Attempts { get; init; }
}
