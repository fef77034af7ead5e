namespace SelfInstruct.Evaluate.Models;

/// <summary>
/// A model under test, <c>NAME=SPEC</c>: SPEC is a checkpoint folder (run in-process) or an endpoint
/// (<see cref="EndpointSpec"/>). Exactly one of <paramref name="Checkpoint"/> and <paramref name="Endpoint"/> is set.
/// </summary>
/// <param name="Name">The name in results and reports, such as <c>base</c> or <c>tuned</c>.</param>
/// <param name="Checkpoint">The full path of the checkpoint folder, or null.</param>
/// <param name="Endpoint">The endpoint, or null.</param>
public sealed partial record ModelSpec(string Name, string? Checkpoint, EndpointSpec? Endpoint)
{
    /// <summary>A checkpoint folder model.</summary>
    public static ModelSpec ForCheckpoint(string name, string folder) => new(name, Path.GetFullPath(folder), null);

    /// <summary>An endpoint model.</summary>
    public static ModelSpec ForEndpoint(string name, EndpointSpec endpoint) => new(name, null, endpoint);

    /// <summary>Parses <c>NAME=SPEC</c>; null with a reason when it is malformed.</summary>
    public static ModelSpec? TryParse(string text, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        var name = equals < 0 ? "" : text[..equals].Trim();
        var spec = equals < 0 ? "" : text[(equals + 1)..].Trim();
        if (!NamePattern().IsMatch(name) || spec.Length == 0)
        {
            problem = $"model '{text}': expected NAME=SPEC with NAME of letters, digits, '.', '_' or '-' and SPEC a " +
                "checkpoint folder or openai:MODEL@URL";
            return null;
        }
        if (!EndpointSpec.IsEndpoint(spec))
        {
            problem = null;
            return ForCheckpoint(name, spec);
        }
        var endpoint = EndpointSpec.TryParse(spec, out problem);
        return endpoint is null ? null : ForEndpoint(name, endpoint);
    }

    /// <summary>The SPEC part as written in results: the folder or the endpoint (never a key).</summary>
    public string Describe() => Checkpoint ?? Endpoint!.ToString();

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex NamePattern();
}
