using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OpenAI;
using SelfInstruct.Backends.Routing;

namespace SelfInstruct.Backends;

/// <summary>
/// Builds the <see cref="IChatClient"/> for one or several OpenAI or OpenAI-compatible servers with the official SDK:
/// per server, its retries (honouring Retry-After), network timeout and errors turned into
/// <see cref="BackendException"/>s with a reason, naming the server, never the key; over them the
/// <see cref="EndpointRouter"/>, then our per-minute rate limits, the on-disk response cache and, outermost, our
/// retries of transport faults the SDK does not retry or gave up on (<see cref="TransportRetryChatClient"/>). The one
/// place an API key is read. How many requests are in flight is the caller's to bound: it is the layer that also
/// checks budgets before sending.
/// </summary>
public static class OpenAIBackend
{
    // Local OpenAI-compatible servers ignore the key, but the SDK needs a non-empty one.
    private const string NoKey = "no-key";

    /// <summary>
    /// The client for <paramref name="options"/>, with each key read through <paramref name="environment"/> from the
    /// variable the options name; dispose it when done. Its <see cref="EndpointRouter"/> (through
    /// <see cref="ChatClientExtensions.GetService{TService}(IChatClient, object?)"/>) says what each server did.
    /// </summary>
    /// <param name="options">The servers, model and limits.</param>
    /// <param name="environment">Reads an environment variable.</param>
    /// <param name="wait">Waits out a backoff; <see cref="Task.Delay(TimeSpan, CancellationToken)"/> unless given.</param>
    /// <param name="clock">Times cool-downs and latencies; <see cref="TimeProvider.System"/> unless given.</param>
    /// <exception cref="InvalidOperationException">A key's variable is unset where a key is needed.</exception>
    public static IChatClient Create(OpenAIBackendOptions options, Func<string, string?> environment,
        Func<TimeSpan, CancellationToken, Task>? wait = null, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentException.ThrowIfNullOrEmpty(options.Model);
        var routes = options.Routes;
        var servers = routes.Select(route => new RoutedEndpoint(
            route.BaseUrl.AbsoluteUri, Server(options, route, environment), route.Weight, route.Concurrency)).ToList();
        var builder = new ChatClientBuilder(
                new EndpointRouter(servers, options.CoolDown ?? EndpointCoolDown.Default, clock ?? TimeProvider.System))
            .Use(inner => new TransportRetryChatClient(inner, options.RetryPolicy, wait ?? Task.Delay));
        if (options.CacheDirectory is { } cacheDirectory)
        {
            // Replicas of one model answer alike: the key names the set of servers, not the one that answered.
            builder.UseDistributedCache(new FileDistributedCache(cacheDirectory), cache =>
                cache.CacheKeyAdditionalValues =
                    [.. routes.Select(route => route.BaseUrl.AbsoluteUri), options.Model, options.Api.ToString()]);
        }
        return builder
            .Use(inner => new RateLimitedChatClient(inner, options.RequestsPerMinute, options.TokensPerMinute))
            .Build();
    }

    /// <summary>
    /// The SDK's client for the options' first server (the one the Batch API's files and batches live on): its key,
    /// network timeout and retries.
    /// </summary>
    internal static OpenAIClient SdkClient(OpenAIBackendOptions options, Func<string, string?> environment) =>
        SdkClient(options, options.Routes[0], environment);

    private static OpenAIClient SdkClient(
        OpenAIBackendOptions options, OpenAIEndpoint route, Func<string, string?> environment) =>
        new(new ApiKeyCredential(ApiKey(options, route, environment)), new OpenAIClientOptions
        {
            Endpoint = route.BaseUrl,
            NetworkTimeout = options.RequestTimeout ?? OpenAIBackendOptions.DefaultRequestTimeout,
            RetryPolicy = new ClientRetryPolicy(options.MaxRetries),
        });

    private static BackendErrorsChatClient Server(
        OpenAIBackendOptions options, OpenAIEndpoint route, Func<string, string?> environment)
    {
        var client = SdkClient(options, route, environment);
        var server = options.Api == OpenAIApi.Completions
            ? new OpenAICompletionsChatClient(client, route.BaseUrl, options.Model)
            : client.GetChatClient(options.Model).AsIChatClient();
        return new BackendErrorsChatClient(server, route.BaseUrl, options.Model);
    }

    // The key goes to the SDK's credential and nowhere else: no message, log or record holds it.
    private static string ApiKey(
        OpenAIBackendOptions options, OpenAIEndpoint route, Func<string, string?> environment)
    {
        var variable = route.ApiKeyVariable ?? options.ApiKeyVariable;
        var key = environment(variable);
        if (!string.IsNullOrEmpty(key))
        {
            return key;
        }
        if (route.ApiKeyVariable is not null)
        {
            throw new InvalidOperationException(
                $"no API key for {route.BaseUrl}: its api_key_environment_variable names {variable}, which is unset");
        }
        return options.BaseUrl is not null || options.Endpoints is { Count: > 0 }
            ? NoKey
            : throw new InvalidOperationException(
                $"no API key for model '{options.Model}' at {options.Endpoint}: set the environment variable " +
                $"{options.ApiKeyVariable} (or name another with --api-key-env), or give the base URL of a server " +
                "that needs no key (generate's --base-url, an evaluate endpoint's @URL)");
    }
}
