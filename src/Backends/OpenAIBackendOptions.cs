using SelfInstruct.Backends.Routing;

namespace SelfInstruct.Backends;

/// <summary>
/// How to reach an OpenAI or OpenAI-compatible server (vLLM, llama.cpp, Ollama). The key is not part of it: only the
/// name of the environment variable that holds it, so these options can be logged or shown.
/// </summary>
/// <param name="Model">The model name the server knows.</param>
/// <param name="BaseUrl">The API root, such as <c>http://127.0.0.1:8000/v1</c>; null for OpenAI itself.</param>
/// <param name="ApiKeyVariable">The environment variable holding the key sent as a bearer token.</param>
/// <param name="Api">Chat or plain completions.</param>
/// <param name="RequestTimeout">How long one network attempt may take before it counts as a timeout.</param>
/// <param name="MaxRetries">How often the SDK retries a 429, 5xx or network failure (honouring Retry-After).</param>
/// <param name="RequestsPerMinute">A cap on requests per minute, or null for none.</param>
/// <param name="TokensPerMinute">A cap on estimated tokens (prompt and output) per minute, or null for none.</param>
/// <param name="CacheDirectory">Where responses are cached by model, options and prompt; null for no cache.</param>
/// <param name="MaxAttempts">
/// Attempts per request in all, over the SDK's own retries, for transport faults (<see cref="TransportRetryPolicy"/>).
/// </param>
/// <param name="Endpoints">Several servers of the model to spread requests over, replacing
/// <paramref name="BaseUrl"/>; null or empty for that one.</param>
/// <param name="CoolDown">When one of several endpoints is set aside; null for <see cref="EndpointCoolDown.Default"/>.
/// </param>
public sealed record OpenAIBackendOptions(
    string Model,
    Uri? BaseUrl,
    string ApiKeyVariable,
    OpenAIApi Api = OpenAIApi.Chat,
    TimeSpan? RequestTimeout = null,
    int MaxRetries = 3,
    int? RequestsPerMinute = null,
    int? TokensPerMinute = null,
    string? CacheDirectory = null,
    int MaxAttempts = 5,
    IReadOnlyList<OpenAIEndpoint>? Endpoints = null,
    EndpointCoolDown? CoolDown = null)
{
    /// <summary>The timeout used when none is given.</summary>
    public static TimeSpan DefaultRequestTimeout { get; } = TimeSpan.FromSeconds(120);

    /// <summary>The API root requests go to.</summary>
    public Uri Endpoint => BaseUrl ?? new Uri("https://api.openai.com/v1");

    /// <summary>The servers requests go to: <see cref="Endpoints"/>, or the one at <see cref="Endpoint"/>.</summary>
    public IReadOnlyList<OpenAIEndpoint> Routes => Endpoints is { Count: > 0 } ? Endpoints : [new(Endpoint)];

    /// <summary>The retry policy of <see cref="MaxAttempts"/> with the default backoff.</summary>
    public TransportRetryPolicy RetryPolicy => TransportRetryPolicy.Default with { MaxAttempts = MaxAttempts };
}
