namespace SelfInstruct.Model.Tokenization;

/// <summary>
/// Hugging Face's added-vocabulary split, which Microsoft.ML.Tokenizers lacks (its special tokens have no
/// lstrip/rstrip and no normalized form): tokens not <c>normalized</c> are found in the raw text, each piece between
/// them is normalized, and <c>normalized</c> tokens are found in that. Matches are leftmost-longest; a token with
/// <c>lstrip</c> or <c>rstrip</c> swallows the whitespace beside it. The pieces left go to the model.
/// </summary>
internal sealed class AddedTokenSplitter
{
    private readonly ILookup<char, AddedTokenEntry> _raw;
    private readonly ILookup<char, AddedTokenEntry> _normalized;
    private readonly TextNormalizer? _normalizer;

    public AddedTokenSplitter(IReadOnlyList<AddedTokenEntry> tokens, TextNormalizer? normalizer)
    {
        _normalizer = normalizer;
        // By first character, so that a position is compared only with the tokens that could start there.
        _raw = tokens.Where(token => !token.Normalized).ToLookup(token => token.Content[0]);
        _normalized = tokens.Where(token => token.Normalized)
            .Select(token => token with { Content = normalizer?.Normalize(token.Content) ?? token.Content })
            .Where(token => token.Content.Length > 0)
            .ToLookup(token => token.Content[0]);
    }

    /// <summary>
    /// The text as a sequence of added-token ids and normalized pieces for the model, in order; each piece is passed
    /// to <paramref name="encodePiece"/> with whether it begins the text, and the callback appends its ids.
    /// </summary>
    public List<int> Encode(string text, Action<string, bool, List<int>> encodePiece)
    {
        var ids = new List<int>();
        var atStart = true;
        foreach (var (piece, token) in Split(text, _raw))
        {
            if (token is not null)
            {
                ids.Add(token.Id);
                atStart = false;
                continue;
            }
            var normalized = _normalizer?.Normalize(piece) ?? piece;
            foreach (var (part, normalizedToken) in Split(normalized, _normalized))
            {
                if (normalizedToken is not null)
                {
                    ids.Add(normalizedToken.Id);
                }
                else
                {
                    encodePiece(part, atStart, ids);
                }
                atStart = false;
            }
        }
        return ids;
    }

    // (text, null) for a piece between matches, (_, token) for a match.
    private static IEnumerable<(string Piece, AddedTokenEntry? Token)> Split(
        string text, ILookup<char, AddedTokenEntry> tokens)
    {
        var last = 0;
        var position = 0;
        while (position < text.Length && tokens.Count > 0)
        {
            var token = LongestAt(text, position, tokens);
            if (token is null)
            {
                position++;
                continue;
            }
            var (start, end) = (position, position + token.Content.Length);
            while (token.Lstrip && start > last && char.IsWhiteSpace(text[start - 1]))
            {
                start--;
            }
            while (token.Rstrip && end < text.Length && char.IsWhiteSpace(text[end]))
            {
                end++;
            }
            if (start > last)
            {
                yield return (text[last..start], null);
            }
            yield return (token.Content, token);
            position = last = end;
        }
        if (last < text.Length)
        {
            yield return (text[last..], null);
        }
    }

    private static AddedTokenEntry? LongestAt(string text, int position, ILookup<char, AddedTokenEntry> tokens)
    {
        AddedTokenEntry? longest = null;
        foreach (var token in tokens[text[position]])
        {
            if ((longest is null || token.Content.Length > longest.Content.Length)
                && position + token.Content.Length <= text.Length
                && string.CompareOrdinal(text, position, token.Content, 0, token.Content.Length) == 0)
            {
                longest = token;
            }
        }
        return longest;
    }
}
