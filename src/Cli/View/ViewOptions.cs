namespace SelfInstruct.Cli.View;

/// <summary>How <c>selfinstruct view</c> listens.</summary>
/// <param name="Host">The address to bind; loopback by default, so nothing is exposed by accident.</param>
/// <param name="Port">The TCP port; 0 picks a free one.</param>
/// <param name="ApiKey">When set, every data request must carry it as a bearer token.</param>
internal sealed record ViewOptions(string Host = "127.0.0.1", int Port = 8765, string? ApiKey = null)
{
    /// <summary>Whether <see cref="Host"/> is reachable only from this machine.</summary>
    public bool IsLoopback => IsLoopbackName(Host);

    /// <summary>Whether <paramref name="host"/> (a name or an address, IPv6 in brackets or not) is this machine.</summary>
    public static bool IsLoopbackName(string host) => host is "localhost"
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
