using Microsoft.Extensions.AI;
using SelfInstruct.Evaluate.Configuration;
using SelfInstruct.Evaluate.Models;
using SelfInstruct.Generate.Backends;

namespace SelfInstruct.Cli;

/// <summary>
/// Builds the chat client for an evaluation endpoint with generate's OpenAI backend (the SDK's retries, rate limits,
/// errors with a reason). The key is read from the environment here and goes to the backend only.
/// </summary>
public sealed class EvaluationEndpoints(Func<string, string?> environment)
{
    /// <summary>The client for <paramref name="endpoint"/>, with <paramref name="config"/>'s key and concurrency.
    /// </summary>
    public IChatClient Create(EvaluationConfig config, EndpointSpec endpoint)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(endpoint);
        var key = environment(config.ApiKeyEnvironmentVariable);
        if (string.IsNullOrEmpty(key) && endpoint.BaseUrl is null)
        {
            throw new InvalidOperationException(
                $"no API key for {endpoint}: set the environment variable {config.ApiKeyEnvironmentVariable} (or " +
                "name another with --api-key-env), or give @URL for a server that needs no key");
        }
        return OpenAIBackend.Create(new OpenAIBackendOptions(
            endpoint.Model,
            endpoint.BaseUrl,
            // Local OpenAI-compatible servers ignore the key, but the SDK needs a non-empty one.
            string.IsNullOrEmpty(key) ? "no-key" : key,
            endpoint.Completions ? OpenAIApi.Completions : OpenAIApi.Chat,
            MaxConcurrency: config.Concurrency));
    }
}
