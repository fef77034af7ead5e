using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OpenAI;

namespace SelfInstruct.Generate.Backends;

/// <summary>
/// Builds the <see cref="IChatClient"/> for an OpenAI or OpenAI-compatible server with the official SDK: its retries
/// (honouring Retry-After) and network timeout, then our rate limits, the on-disk response cache, and errors turned
/// into <see cref="BackendException"/>s with a reason.
/// </summary>
public static class OpenAIBackend
{
    /// <summary>The client for <paramref name="options"/>; dispose it when done.</summary>
    public static IChatClient Create(OpenAIBackendOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.Model);
        var client = new OpenAIClient(new ApiKeyCredential(options.ApiKey), new OpenAIClientOptions
        {
            Endpoint = options.Endpoint,
            NetworkTimeout = options.RequestTimeout ?? OpenAIBackendOptions.DefaultRequestTimeout,
            RetryPolicy = new ClientRetryPolicy(options.MaxRetries),
        });
        var server = options.Api == OpenAIApi.Completions
            ? new OpenAICompletionsChatClient(client, options.Endpoint, options.Model)
            : client.GetChatClient(options.Model).AsIChatClient();
        var builder = new ChatClientBuilder(server)
            .Use(inner => new BackendErrorsChatClient(inner, options.Endpoint, options.Model));
        if (options.CacheDirectory is { } cacheDirectory)
        {
            builder.UseDistributedCache(new FileDistributedCache(cacheDirectory), cache =>
                cache.CacheKeyAdditionalValues = [options.Endpoint.AbsoluteUri, options.Model, options.Api.ToString()]);
        }
        return builder
            .Use(inner => new RateLimitedChatClient(
                inner, options.MaxConcurrency, options.RequestsPerMinute, options.TokensPerMinute))
            .Build();
    }
}
