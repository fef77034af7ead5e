namespace SelfInstruct.Model.Tokenization;

/// <summary>
/// GPT-2's <c>bytes_to_unicode</c>: each byte as one printable character. The printable bytes <c>!</c>..<c>~</c>,
/// <c>¡</c>..<c>¬</c> and <c>®</c>..<c>ÿ</c> stand for themselves and come first; the other 68 bytes map to U+0100
/// onwards in byte order, so space is <c>Ġ</c> and newline <c>Ċ</c>.
/// </summary>
internal static class ByteSymbols
{
    /// <summary>The 256 symbols in GPT-2's vocabulary order (the printable bytes first).</summary>
    public static IEnumerable<string> InGpt2Order()
    {
        var printable = Enumerable.Range(0, 256).Where(Printable).Select(b => ((char)b).ToString());
        var others = Enumerable.Range(0, 256).Where(b => !Printable(b)).Select((_, index) => ((char)(256 + index))
            .ToString());
        return printable.Concat(others);
    }

    /// <summary>The symbol of each byte, indexed by the byte.</summary>
    public static string[] ByByte()
    {
        var symbols = new string[256];
        var next = 256;
        for (var b = 0; b < 256; b++)
        {
            symbols[b] = ((char)(Printable(b) ? b : next++)).ToString();
        }
        return symbols;
    }

    private static bool Printable(int b) => b is >= '!' and <= '~' or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF;
}
