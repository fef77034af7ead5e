namespace SelfInstruct.Backends.Routing;

/// <summary>
/// The live figures of one endpoint of an <see cref="EndpointRouter"/>: requests in flight, consecutive failures,
/// the end of its cool-down and what it did. Not safe for concurrent use: the router holds its lock around every call.
/// </summary>
internal sealed class EndpointState(RoutedEndpoint endpoint, int position)
{
    private readonly List<TimeSpan> _latencies = [];
    private int _consecutiveFailures;
    private DateTimeOffset _asideUntil = DateTimeOffset.MinValue;
    private long _failures;
    private int _setAside;

    public RoutedEndpoint Endpoint { get; } = endpoint;

    /// <summary>Its place in the configured list, the last tiebreak.</summary>
    public int Position { get; } = position;

    public int InFlight { get; private set; }

    public long Requests { get; private set; }

    public DateTimeOffset AsideUntil => _asideUntil;

    public bool HasRoom => Endpoint.Concurrency is not { } limit || InFlight < limit;

    public bool IsAside(DateTimeOffset now) => _asideUntil > now;

    /// <summary>
    /// Whether this endpoint should take the next request before <paramref name="other"/>: fewer requests in flight
    /// for its weight, then fewer sent so far for its weight (so equal endpoints share a light load), then its place.
    /// </summary>
    public bool IsBetterThan(EndpointState other)
    {
        var load = (InFlight + 1) / Endpoint.Weight;
        var otherLoad = (other.InFlight + 1) / other.Endpoint.Weight;
        if (load != otherLoad)
        {
            return load < otherLoad;
        }
        var sent = Requests / Endpoint.Weight;
        var otherSent = other.Requests / other.Endpoint.Weight;
        return sent != otherSent ? sent < otherSent : Position < other.Position;
    }

    public void Start()
    {
        InFlight++;
        Requests++;
    }

    public void Answered(TimeSpan latency)
    {
        InFlight--;
        _consecutiveFailures = 0;
        _latencies.Add(latency);
    }

    /// <summary>A request it did not answer; <paramref name="countsAgainstIt"/> is false for a refused request,
    /// which any server would refuse.</summary>
    public void Failed(bool countsAgainstIt, DateTimeOffset now, EndpointCoolDown coolDown)
    {
        InFlight--;
        _failures++;
        if (countsAgainstIt && ++_consecutiveFailures >= coolDown.AfterFailures && !IsAside(now))
        {
            _asideUntil = now + coolDown.Duration;
            _setAside++;
        }
    }

    /// <summary>A request given up by its caller (cancelled): it says nothing about the endpoint.</summary>
    public void Abandoned() => InFlight--;

    public EndpointStatistics Statistics()
    {
        var sorted = _latencies.Order().ToList();
        var mean = sorted.Count == 0 ? TimeSpan.Zero : TimeSpan.FromTicks((long)sorted.Average(t => t.Ticks));
        var p95 = sorted.Count == 0 ? TimeSpan.Zero : sorted[(int)Math.Ceiling(0.95 * sorted.Count) - 1];
        return new EndpointStatistics(Endpoint.Name, Requests, _failures, _setAside, mean, p95);
    }
}
