namespace SelfInstruct.Cli.Serve;

/// <summary>Where <c>selfinstruct serve</c> listens, who may call it, and how many requests may wait.</summary>
internal sealed record ServeOptions
{
    public string Host { get; init; } = "127.0.0.1";

    public int Port { get; init; } = 8000;

    /// <summary>The bearer token every request must carry; null lets everyone in.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Requests running or waiting at once; one more gets 503.</summary>
    public int MaxQueue { get; init; } = 16;
}
