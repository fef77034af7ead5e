namespace SelfInstruct.Backends.Routing;

/// <summary>What one endpoint of an <see cref="EndpointRouter"/> did in this process.</summary>
/// <param name="Name">The endpoint's name (its URL).</param>
/// <param name="Requests">Requests sent to it, failed ones included.</param>
/// <param name="Failures">Requests it did not answer (a <see cref="BackendException"/>).</param>
/// <param name="SetAside">How often it was set aside for a cool-down.</param>
/// <param name="MeanLatency">The mean time to an answer; zero without answers.</param>
/// <param name="P95Latency">The 95th percentile (nearest rank) of the time to an answer; zero without answers.</param>
public sealed record EndpointStatistics(
    string Name, long Requests, long Failures, int SetAside, TimeSpan MeanLatency, TimeSpan P95Latency);
