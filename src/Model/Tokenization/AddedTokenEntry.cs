namespace SelfInstruct.Model.Tokenization;

/// <summary>
/// One entry of a <c>tokenizer.json</c>'s <c>added_tokens</c>: matched whole in the text before the model sees it.
/// </summary>
/// <param name="Content">The token's text.</param>
/// <param name="Id">Its id.</param>
/// <param name="Special">Whether it is a control token (BOS, EOS, chat markers) rather than a word.</param>
/// <param name="Lstrip">A match also takes the whitespace before it.</param>
/// <param name="Rstrip">A match also takes the whitespace after it.</param>
/// <param name="Normalized">
/// Matched in the normalized text (in its own normalized form) rather than the raw text.
/// </param>
internal sealed record AddedTokenEntry(
    string Content, int Id, bool Special, bool Lstrip = false, bool Rstrip = false, bool Normalized = false);
