namespace SelfInstruct.Generate.Configuration;

/// <summary>One entry of the generation settings' <c>endpoints</c>: a server of the model with its share.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record GenerationEndpoint
{
    /// <summary>The server's API root, such as <c>http://10.0.0.2:8000/v1</c>.</summary>
    public string BaseUrl { get; init; } = "";

    /// <summary>Its share of the requests in flight relative to the other endpoints.</summary>
    public double Weight { get; init; } = 1;

    /// <summary>The most requests it takes at once; null for no limit beyond the run's concurrency.</summary>
    public int? Concurrency { get; init; }

    /// <summary>The environment variable of its key; null for the run's own.</summary>
    public string? ApiKeyEnvironmentVariable { get; init; }
}
