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
        catch (Exception exception) when (exception is JsonException or FormatException or InvalidOperationException
            or KeyNotFoundException)
        {
            throw new BackendException(BackendException.MalformedResponse,
                $"{endpoint}: the answer is not the JSON the API defines ({exception.Message})", isFatal: false,
                exception);
        }
    }

    private BackendException Translate(ClientResultException exception) => exception.Status switch
    {
        0 => Unreachable(exception),
        401 or 403 => new BackendException(BackendException.Unauthorized,
            $"{endpoint}: the server refused the API key (HTTP {exception.Status}); check the key's environment " +
            "variable", isFatal: true, exception),
        404 => new BackendException(BackendException.NotFound,
            $"{endpoint}: the server does not know model '{model}' or this API (HTTP 404)", isFatal: true, exception),
        429 => new BackendException(BackendException.RateLimited,
            $"{endpoint}: still rate limited after the retries (HTTP 429)", isFatal: false, exception),
        >= 500 => new BackendException(BackendException.ServerError,
            $"{endpoint}: server error after the retries (HTTP {exception.Status})", isFatal: false, exception),
        _ => new BackendException(BackendException.BadRequest,
            $"{endpoint}: the server rejected the request (HTTP {exception.Status})", isFatal: false, exception),
    };

    private static bool IsConnectionFailure(Exception exception) =>
        exception is HttpRequestException or ClientResultException { Status: 0 };

    private BackendException Unreachable(Exception exception) => new(BackendException.Unreachable,
        $"{endpoint}: cannot reach the server ({exception.InnerException?.Message ?? exception.Message})",
        isFatal: true, exception);
}
