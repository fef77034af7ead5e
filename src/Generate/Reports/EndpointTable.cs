using SelfInstruct.Backends.Routing;

namespace SelfInstruct.Generate.Reports;

/// <summary>stats.md's table of what each server did: requests, failures, cool-downs and latency.</summary>
internal static class EndpointTable
{
    /// <summary>Appends the section; nothing for a backend without servers (the in-process model).</summary>
    public static void Append(StringBuilder text, IReadOnlyList<EndpointStatistics> endpoints)
    {
        if (endpoints.Count == 0)
        {
            return;
        }
        text.Append("\n## Requests by endpoint\n\n")
            .Append("| endpoint | requests | failures | set aside | mean latency ms | p95 latency ms |\n")
            .Append("| --- | ---: | ---: | ---: | ---: | ---: |\n");
        foreach (var endpoint in endpoints)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {endpoint.Name} | {endpoint.Requests:N0} | ")
                .Append(CultureInfo.InvariantCulture, $"{endpoint.Failures:N0} | {endpoint.SetAside:N0} | ")
                .Append(CultureInfo.InvariantCulture, $"{endpoint.MeanLatency.TotalMilliseconds:F1} | ")
                .Append(CultureInfo.InvariantCulture, $"{endpoint.P95Latency.TotalMilliseconds:F1} |\n");
        }
        text.Append("\nThis process's requests (a resumed run counts its own); a failed request went on to another ")
            .Append("endpoint, and latency is the time to an answer.\n");
    }
}
