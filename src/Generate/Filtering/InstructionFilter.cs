namespace SelfInstruct.Generate.Filtering;

/// <summary>
/// The released Self-Instruct code's heuristics for a generated instruction, each named by the rejection reason
/// it counts. The ROUGE-L novelty check is separate (<see cref="BootstrapFilter"/>). In <see cref="TextMode.Unicode"/>
/// words are <see cref="UnicodeRougeTokenizer"/> tokens (for the length bounds and the keywords, which then match
/// whole token sequences), and the first-character rule rejects punctuation and symbols of any script instead of
/// everything outside ASCII.
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

    /// <summary>
    /// Unicode mode: starts with a punctuation mark or symbol of any script (categories P* and S*), a list-numbering
    /// or formatting fragment. Letters of every script pass.
    /// </summary>
    public const string LeadingPunctuationOrSymbol = "leading_punctuation_or_symbol";

    /// <summary>The fewest words an instruction may have.</summary>
    public const int MinWords = 4;

    /// <summary>The most words an instruction may have.</summary>
    public const int MaxWords = 150;

    private const string AsciiPunctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private static readonly string[] _paperKeywords =
        ["image", "images", "graph", "graphs", "picture", "pictures", "file", "files", "map", "maps", "draw", "plot",
            "go to"];

    private static readonly string[] _alpacaKeywords = ["video", "audio", "music", "flowchart", "diagram"];

    private readonly TextMode _mode;
    private readonly Regex? _keywords;
    private readonly List<string[]> _keywordTokens = [];

    /// <param name="alpacaKeywords">Also reject Alpaca's keywords: video, audio, music, flowchart, diagram.</param>
    /// <param name="mode">How an instruction becomes words.</param>
    /// <param name="keywords">The blacklist, replacing the paper's (Alpaca's still join it when asked); null for the
    /// paper's.</param>
    /// <exception cref="ArgumentException">A keyword without a letter or digit, which could match no word.</exception>
    public InstructionFilter(
        bool alpacaKeywords = false, TextMode mode = TextMode.English, IReadOnlyList<string>? keywords = null)
    {
        IEnumerable<string> blacklist = keywords ?? _paperKeywords;
        blacklist = alpacaKeywords ? blacklist.Concat(_alpacaKeywords) : blacklist;
        _mode = mode;
        if (mode == TextMode.English)
        {
            _keywords = !blacklist.Any() ? null : new Regex(
                $@"\b({string.Join('|', blacklist.Select(Regex.Escape))})\b",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);
            return;
        }
        foreach (var keyword in blacklist)
        {
            var tokens = UnicodeRougeTokenizer.Tokenize(keyword);
            _keywordTokens.Add(tokens.Count > 0
                ? [.. tokens]
                : throw new ArgumentException($"keyword '{keyword}' has no letter or digit", nameof(keywords)));
        }
    }

    /// <summary>The reason the instruction is rejected, or null when it passes every heuristic.</summary>
    public string? Rejection(string instruction)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        return _mode == TextMode.English ? EnglishRejection(instruction) : UnicodeRejection(instruction);
    }

    private string? EnglishRejection(string instruction)
    {
        var wordCount = WhiteSpace().Split(instruction.Trim()).Count(word => word.Length > 0);
        if (wordCount < MinWords)
        {
            return TooShort;
        }
        if (wordCount > MaxWords)
        {
            return TooLong;
        }
        if (_keywords?.IsMatch(instruction) == true)
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

    private string? UnicodeRejection(string instruction)
    {
        var tokens = UnicodeRougeTokenizer.Tokenize(instruction);
        if (tokens.Count < MinWords)
        {
            return TooShort;
        }
        if (tokens.Count > MaxWords)
        {
            return TooLong;
        }
        if (_keywordTokens.Any(keyword => Contains(tokens, keyword)))
        {
            return BlacklistedKeyword;
        }
        if (instruction.StartsWith("Write a program", StringComparison.Ordinal))
        {
            return WriteAProgram;
        }
        // At least four tokens, so the trimmed text is not empty; an unpaired surrogate decodes as U+FFFD, a symbol.
        Rune.DecodeFromUtf16(instruction.AsSpan().TrimStart(), out var first, out _);
        return Rune.GetUnicodeCategory(first) switch
        {
            UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation
                or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation
                or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation
                or UnicodeCategory.OtherPunctuation or UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol
                or UnicodeCategory.ModifierSymbol or UnicodeCategory.OtherSymbol => LeadingPunctuationOrSymbol,
            _ => null,
        };
    }

    // Whether the keyword's tokens occur in a row among the instruction's.
    private static bool Contains(List<string> tokens, string[] keyword)
    {
        for (var start = 0; start + keyword.Length <= tokens.Count; start++)
        {
            var match = true;
            for (var offset = 0; match && offset < keyword.Length; offset++)
            {
                match = string.Equals(tokens[start + offset], keyword[offset], StringComparison.Ordinal);
            }
            if (match)
            {
                return true;
            }
        }
        return false;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
