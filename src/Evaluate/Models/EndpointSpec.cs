namespace SelfInstruct.Evaluate.Models;

/// <summary>
/// An OpenAI-compatible endpoint: <c>openai:MODEL@URL</c> (chat API), <c>openai-completions:MODEL@URL</c> (plain
/// completions, for base models), or without <c>@URL</c> for OpenAI itself. The key comes from the environment.
/// </summary>
/// <param name="Model">The model name the server knows.</param>
/// <param name="BaseUrl">The API root, or null for OpenAI.</param>
/// <param name="Completions">True for the completions API, false for chat.</param>
public sealed record EndpointSpec(string Model, Uri? BaseUrl, bool Completions)
{
    private const string ChatPrefix = "openai:";
    private const string CompletionsPrefix = "openai-completions:";

    /// <summary>Whether <paramref name="text"/> names an endpoint rather than a checkpoint folder.</summary>
    public static bool IsEndpoint(string text) =>
        text.StartsWith(ChatPrefix, StringComparison.Ordinal) ||
        text.StartsWith(CompletionsPrefix, StringComparison.Ordinal);

    /// <summary>Parses <c>openai:MODEL@URL</c>; null with a reason when it is malformed.</summary>
    public static EndpointSpec? TryParse(string text, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        var completions = text.StartsWith(CompletionsPrefix, StringComparison.Ordinal);
        var rest = text[(completions ? CompletionsPrefix : ChatPrefix).Length..];
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        var model = at < 0 ? rest : rest[..at];
        Uri? url = null;
        problem = null;
        if (model.Length == 0)
        {
            problem = $"endpoint '{text}': expected openai:MODEL@URL, found no model name";
        }
        else if (at >= 0 && (!Uri.TryCreate(rest[(at + 1)..], UriKind.Absolute, out url) ||
                 url.Scheme is not ("http" or "https")))
        {
            problem = $"endpoint '{text}': expected an http(s) URL after '@', found '{rest[(at + 1)..]}'";
        }
        return problem is null ? new EndpointSpec(model, url, completions) : null;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{(Completions ? CompletionsPrefix : ChatPrefix)}{Model}{(BaseUrl is null ? "" : "@" + BaseUrl)}";
}
