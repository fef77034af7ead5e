namespace SelfInstruct.Backends.Routing;

/// <summary>When an <see cref="EndpointRouter"/> sets a failing endpoint aside, and for how long.</summary>
/// <param name="AfterFailures">Consecutive failed requests that set an endpoint aside.</param>
/// <param name="Duration">How long it stays aside; then it is tried again, and one more failure sets it aside anew.
/// </param>
public sealed record EndpointCoolDown(int AfterFailures, TimeSpan Duration)
{
    /// <summary>3 failures in a row, 30 seconds aside.</summary>
    public static EndpointCoolDown Default { get; } = new(3, TimeSpan.FromSeconds(30));
}
