using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace SelfInstruct.Evaluate.Evaluators;

/// <summary>
/// The gold outputs of one instance, for <see cref="SuperNiRougeLEvaluator"/> and
/// <see cref="SuperNiExactMatchEvaluator"/>: a response scores the best over them, as SuperNI does.
/// </summary>
public sealed class SuperNiReferencesContext : EvaluationContext
{
    /// <summary>The context's name, under which evaluation results record it.</summary>
    public const string ContextName = "References (SuperNI)";

    /// <summary>The references, at least one.</summary>
    /// <exception cref="ArgumentException">There is no reference.</exception>
    public SuperNiReferencesContext(params IEnumerable<string> references)
        : this(references?.ToList() ?? throw new ArgumentNullException(nameof(references)))
    {
    }

    private SuperNiReferencesContext(List<string> references)
        : base(ContextName, [.. TextContents(references)])
    {
        References = references;
    }

    /// <summary>The gold outputs.</summary>
    public IReadOnlyList<string> References { get; }

    private static IEnumerable<AIContent> TextContents(List<string> references)
    {
        ArgumentOutOfRangeException.ThrowIfZero(references.Count, nameof(references));
        return references.Select(reference => new TextContent(reference));
    }
}
