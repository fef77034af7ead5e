using System.ClientModel;
using Microsoft.Extensions.AI;

namespace SelfInstruct.Backends;

/// <summary>
/// Turns what the OpenAI SDK throws (after its own retries) into <see cref="BackendException"/>s with a reason, and
/// names the server, never the key.
/// </summary>
internal sealed class BackendErrorsChatClient(IChatClient innerClient, Uri endpoint, string model)
    : DelegatingChatClient(innerClient)
{
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.GetResponseAsync(messages, options, cancellationToken);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new BackendException(BackendException.Timeout,
                $"{endpoint}: no answer within the request timeout", isFatal: false, exception);
        }
        catch (ClientResultException exception)
        {
            throw Translate(exception);
        }
        catch (HttpRequestException exception)
        {
            throw Unreachable(exception);
        }
        catch (AggregateException exception) when (exception.InnerExceptions.Any(IsConnectionFailure))
        {
            // The SDK's retry policy gives up on a dead connection with every attempt's failure in one aggregate.
            throw Unreachable(exception.InnerExceptions.First(IsConnectionFailure));
        }
        // The SDK reads a 200 without choices by indexing the empty list (ArgumentOutOfRangeException).
        catch (Exception exception) when (exception is JsonException or FormatException or InvalidOperationException
            or KeyNotFoundException or ArgumentOutOfRangeException)
        {
            throw new BackendException(BackendException.MalformedResponse,
                $"{endpoint}: the answer is not the JSON the API defines ({exception.Message})", isFatal: false,
                exception);
        }
    }

    private BackendException Translate(ClientResultException exception)
    {
        if (exception.Status == 0)
        {
            return Unreachable(exception);
        }
        var (reason, message, isFatal) = exception.Status switch
        {
            401 or 403 => (BackendException.Unauthorized, $"the server refused the API key (HTTP {exception.Status}); " +
                "check the key's environment variable", true),
            404 => (BackendException.NotFound, $"the server does not know model '{model}' or this API (HTTP 404)",
                true),
            429 => (BackendException.RateLimited, "still rate limited after the retries (HTTP 429)", false),
            >= 500 => (BackendException.ServerError, $"server error after the retries (HTTP {exception.Status})",
                false),
            _ => (BackendException.BadRequest, $"the server rejected the request (HTTP {exception.Status})", false),
        };
        return new BackendException(reason, $"{endpoint}: {message}", isFatal, exception)
        {
            RetryAfter = RetryAfter(exception),
        };
    }

    // OpenAI sends retry-after-ms as well as Retry-After (seconds, or an HTTP date).
    private static TimeSpan? RetryAfter(ClientResultException exception)
    {
        var headers = exception.GetRawResponse()?.Headers;
        if (headers is null)
        {
            return null;
        }
        if (headers.TryGetValue("retry-after-ms", out var milliseconds) && double.TryParse(
            milliseconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0)
        {
            return TimeSpan.FromMilliseconds(ms);
        }
        if (!headers.TryGetValue("Retry-After", out var value) || value is null)
        {
            return null;
        }
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at > DateTimeOffset.UtcNow ? at - DateTimeOffset.UtcNow : TimeSpan.Zero
            : null;
    }

    private static bool IsConnectionFailure(Exception exception) =>
        exception is HttpRequestException or ClientResultException { Status: 0 };

    private BackendException Unreachable(Exception exception) => new(BackendException.Unreachable,
        $"{endpoint}: cannot reach the server ({exception.InnerException?.Message ?? exception.Message})",
        isFatal: true, exception);
}
