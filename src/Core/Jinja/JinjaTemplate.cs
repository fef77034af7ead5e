namespace SelfInstruct.Core.Jinja;

/// <summary>
/// A chat template in the subset of Jinja that Hugging Face chat templates use, rendered as transformers'
/// <c>apply_chat_template</c> does: jinja2's <c>ImmutableSandboxedEnvironment(trim_blocks=True,
/// lstrip_blocks=True)</c> with loop controls, <c>raise_exception</c> and transformers' <c>tojson</c>.
/// </summary>
public sealed class JinjaTemplate
{
    private readonly IReadOnlyList<IStatement> _body;

    private JinjaTemplate(IReadOnlyList<IStatement> body, string sourceName)
    {
        _body = body;
        SourceName = sourceName;
    }

    /// <summary>The name errors give for this template, usually its file name.</summary>
    public string SourceName { get; }

    /// <summary>
    /// Parses once; throws <see cref="JinjaException"/> for a syntax error and for any construct outside the subset
    /// (an unknown tag, filter, test or method).
    /// </summary>
    public static JinjaTemplate Parse(string source, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrEmpty(sourceName);
        return new JinjaTemplate(TemplateParser.Parse(source, sourceName), sourceName);
    }

    /// <summary>
    /// Renders with these globals. Values: null, bool, integers, floats, string, <c>IReadOnlyList&lt;object?&gt;</c>
    /// (or any sequence), <c>IReadOnlyDictionary&lt;string, object?&gt;</c> (or any string-keyed dictionary),
    /// <see cref="JsonElement"/> or <see cref="JsonNode"/>, and <see cref="JinjaFunction"/> for callable globals;
    /// another type is an <see cref="ArgumentException"/> naming where it sits. Throws <see cref="JinjaException"/>
    /// when the template calls <c>raise_exception</c> or fails as jinja2 would.
    /// </summary>
    public string Render(IReadOnlyDictionary<string, object?> globals)
    {
        ArgumentNullException.ThrowIfNull(globals);
        return new TemplateRenderer(SourceName).Render(_body, new Scope(TemplateValues.Import(globals)));
    }
}
