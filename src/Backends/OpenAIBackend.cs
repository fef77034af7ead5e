using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OpenAI;

namespace SelfInstruct.Backends;

/// <summary>
/// Builds the <see cref="IChatClient"/> for an OpenAI or OpenAI-compatible server with the official SDK: its retries
/// (honouring Retry-After) and network timeout, then our per-minute rate limits, the on-disk response cache,
/// errors turned into <see cref="BackendException"/>s with a reason, and, outermost, our retries of transport faults
/// the SDK does not retry or gave up on (<see cref="TransportRetryChatClient"/>). The one place an API key is read. How many
/// requests are in flight is the caller's to bound: it is the layer that also checks budgets before sending.
/// </summary>
public static class OpenAIBackend
{
    // Local OpenAI-compatible servers ignore the key, but the SDK needs a non-empty one.
    private const string NoKey = "no-key";

    /// <summary>
    /// The client for <paramref name="options"/>, with the key read through <paramref name="environment"/> from the
    /// variable the options name; dispose it when done.
    /// </summary>
    /// <param name="options">The server, model and limits.</param>
    /// <param name="environment">Reads an environment variable.</param>
    /// <param name="wait">Waits out a backoff; <see cref="Task.Delay(TimeSpan, CancellationToken)"/> unless given.</param>
    /// <exception cref="InvalidOperationException">The variable is unset and no base URL is given.</exception>
    public static IChatClient Create(OpenAIBackendOptions options, Func<string, string?> environment,
        Func<TimeSpan, CancellationToken, Task>? wait = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentException.ThrowIfNullOrEmpty(options.Model);
        var client = SdkClient(options, environment);
        var server = options.Api == OpenAIApi.Completions
            ? new OpenAICompletionsChatClient(client, options.Endpoint, options.Model)
            : client.GetChatClient(options.Model).AsIChatClient();
        var builder = new ChatClientBuilder(server)
            .Use(inner => new TransportRetryChatClient(inner, options.RetryPolicy, wait ?? Task.Delay))
            .Use(inner => new BackendErrorsChatClient(inner, options.Endpoint, options.Model));
        if (options.CacheDirectory is { } cacheDirectory)
        {
            builder.UseDistributedCache(new FileDistributedCache(cacheDirectory), cache =>
                cache.CacheKeyAdditionalValues = [options.Endpoint.AbsoluteUri, options.Model, options.Api.ToString()]);
        }
        return builder
            .Use(inner => new RateLimitedChatClient(inner, options.RequestsPerMinute, options.TokensPerMinute))
            .Build();
    }

    /// <summary>The SDK's client for the options' server: its key, network timeout and retries.</summary>
    internal static OpenAIClient SdkClient(OpenAIBackendOptions options, Func<string, string?> environment) =>
        new(new ApiKeyCredential(ApiKey(options, environment)), new OpenAIClientOptions
        {
            Endpoint = options.Endpoint,
            NetworkTimeout = options.RequestTimeout ?? OpenAIBackendOptions.DefaultRequestTimeout,
            RetryPolicy = new ClientRetryPolicy(options.MaxRetries),
        });

    // The key goes to the SDK's credential and nowhere else: no message, log or record holds it.
    private static string ApiKey(OpenAIBackendOptions options, Func<string, string?> environment)
    {
        var key = environment(options.ApiKeyVariable);
        if (!string.IsNullOrEmpty(key))
        {
            return key;
        }
        return options.BaseUrl is not null
            ? NoKey
            : throw new InvalidOperationException(
                $"no API key for model '{options.Model}' at {options.Endpoint}: set the environment variable " +
                $"{options.ApiKeyVariable} (or name another with --api-key-env), or give the base URL of a server " +
                "that needs no key (generate's --base-url, an evaluate endpoint's @URL)");
    }
}
