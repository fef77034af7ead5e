namespace SelfInstruct.Core.Text;

/// <summary>How instructions are split into words for ROUGE-L and the instruction filter.</summary>
public enum TextMode
{
    /// <summary>
    /// The released Self-Instruct code's behaviour: rouge_score's tokenizer (ASCII letters and digits only),
    /// whitespace word counts, and instructions that start with a non-ASCII character rejected.
    /// </summary>
    English,

    /// <summary>
    /// Any script: tokens from <see cref="Rouge.UnicodeRougeTokenizer"/>, counted for the length filter, and only
    /// a leading punctuation mark or symbol (any script) rejected. No stemming.
    /// </summary>
    Unicode,
}
