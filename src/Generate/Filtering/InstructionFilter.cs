namespace SelfInstruct.Generate.Filtering;

/// <summary>
/// The released Self-Instruct code's heuristics for a generated instruction, each named by the rejection reason
/// it counts. The ROUGE-L novelty check is separate (<see cref="BootstrapFilter"/>).
/// </summary>
public sealed partial class InstructionFilter
{
    /// <summary>Fewer than <see cref="MinWords"/> words: too little to state a task.</summary>
    public const string TooShort = "too_short";

    /// <summary>More than <see cref="MaxWords"/> words: usually a run-on or several tasks.</summary>
    public const string TooLong = "too_long";

    /// <summary>Mentions something a text-only model cannot see or make (images, files, plots, ...).</summary>
    public const string BlacklistedKeyword = "blacklisted_keyword";

    /// <summary>"Write a program" prefixes: models add them to many tasks, leaving unclear what to output.</summary>
    public const string WriteAProgram = "write_a_program";

    /// <summary>Starts with punctuation: a list-numbering or formatting fragment.</summary>
    public const string LeadingPunctuation = "leading_punctuation";

    /// <summary>Starts with a non-ASCII character: not an English instruction.</summary>
    public const string NonAsciiStart = "non_ascii_start";

    /// <summary>The fewest words an instruction may have.</summary>
    public const int MinWords = 4;

    /// <summary>The most words an instruction may have.</summary>
    public const int MaxWords = 150;

    private const string AsciiPunctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private static readonly string[] _paperKeywords =
        ["image", "images", "graph", "graphs", "picture", "pictures", "file", "files", "map", "maps", "draw", "plot",
            "go to"];

    private static readonly string[] _alpacaKeywords = ["video", "audio", "music", "flowchart", "diagram"];

    private readonly Regex _keywords;

    /// <param name="alpacaKeywords">Also reject Alpaca's keywords: video, audio, music, flowchart, diagram.</param>
    public InstructionFilter(bool alpacaKeywords = false)
    {
        var keywords = alpacaKeywords ? _paperKeywords.Concat(_alpacaKeywords) : _paperKeywords;
        _keywords = new Regex(
            $@"\b({string.Join('|', keywords.Select(Regex.Escape))})\b",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);
    }

    /// <summary>The reason the instruction is rejected, or null when it passes every heuristic.</summary>
    public string? Rejection(string instruction)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        var wordCount = WhiteSpace().Split(instruction.Trim()).Count(word => word.Length > 0);
        if (wordCount < MinWords)
        {
            return TooShort;
        }
        if (wordCount > MaxWords)
        {
            return TooLong;
        }
        if (_keywords.IsMatch(instruction))
        {
            return BlacklistedKeyword;
        }
        if (instruction.StartsWith("Write a program", StringComparison.Ordinal))
        {
            return WriteAProgram;
        }
        var first = instruction.TrimStart()[0];
        if (AsciiPunctuation.Contains(first, StringComparison.Ordinal))
        {
            return LeadingPunctuation;
        }
        return first > '\u007F' ? NonAsciiStart : null;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
