using Microsoft.Extensions.AI;
using SelfInstruct.Backends;

namespace SelfInstruct.Evaluate.Models;

/// <summary>
/// The chat clients of an evaluation's endpoints (models under test and the judge), through the shared OpenAI
/// backend with the key from the variable <paramref name="config"/> names. Requests in flight are bounded by the
/// <see cref="EndpointAnswerer"/>s that use them.
/// </summary>
public sealed class EndpointClients(EvaluationConfig config, Func<string, string?> environment)
{
    /// <summary>The client for <paramref name="endpoint"/>; dispose it when done.</summary>
    /// <exception cref="InvalidOperationException">The key's variable is unset and the endpoint has no URL.</exception>
    public IChatClient Create(EndpointSpec endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return OpenAIBackend.Create(new OpenAIBackendOptions(
            endpoint.Model,
            endpoint.BaseUrl,
            config.ApiKeyEnvironmentVariable,
            endpoint.Completions ? OpenAIApi.Completions : OpenAIApi.Chat), environment);
    }
}
