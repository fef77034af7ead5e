namespace SelfInstruct.Backends;

/// <summary>One of several OpenAI-compatible servers of the same model that requests are spread over.</summary>
/// <param name="BaseUrl">The server's API root, such as <c>http://10.0.0.2:8000/v1</c>.</param>
/// <param name="Weight">Its share of the load relative to the others.</param>
/// <param name="Concurrency">The most requests it takes at once; null for no limit of its own.</param>
/// <param name="ApiKeyVariable">The environment variable of its key; null for the options' own.</param>
public sealed record OpenAIEndpoint(Uri BaseUrl, double Weight = 1, int? Concurrency = null,
    string? ApiKeyVariable = null);
