namespace SelfInstruct.Core.Formats;

/// <summary>
/// The lines of a UTF-8 text file with their numbers, decoded strictly: a byte that is not UTF-8 is an error naming
/// the file and the line, where a plain reader would silently put U+FFFD into the data.
/// </summary>
/// <remarks>
/// Lines end at <c>\n</c> (a <c>\r</c> before it is dropped); each line is decoded on its own, so the line an
/// invalid byte is reported on is the line it is on.
/// </remarks>
public static class Utf8Lines
{
    private static readonly UTF8Encoding _strict = new(encoderShouldEmitUTF8Identifier: false,
        throwOnInvalidBytes: true);

    /// <summary>Every line, numbered from 1; a byte order mark at the start is skipped.</summary>
    /// <exception cref="InvalidDataException">A line is not valid UTF-8.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static IEnumerable<(int Number, string Text)> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = new BufferedStream(File.OpenRead(path), 1 << 16);
        var line = new MemoryStream();
        var number = 0;
        for (var next = stream.ReadByte(); ; next = stream.ReadByte())
        {
            if (next is '\n' or -1)
            {
                if (next == -1 && line.Length == 0)
                {
                    yield break;
                }
                number++;
                yield return (number, Decode(path, number, line));
                line.SetLength(0);
                if (next == -1)
                {
                    yield break;
                }
                continue;
            }
            line.WriteByte((byte)next);
        }
    }

    private static string Decode(string path, int number, MemoryStream line)
    {
        var bytes = line.GetBuffer().AsSpan(0, (int)line.Length);
        if (number == 1 && bytes.StartsWith(_strict.Preamble))
        {
            bytes = bytes[_strict.Preamble.Length..];
        }
        if (bytes.EndsWith("\r"u8))
        {
            bytes = bytes[..^1];
        }
        try
        {
            return _strict.GetString(bytes);
        }
        catch (DecoderFallbackException exception)
        {
            var at = exception.Index >= 0 ? $" at byte {exception.Index + 1} of the line" : "";
            throw DataFormatError.At(path, number, "text", "UTF-8",
                $"the byte 0x{exception.BytesUnknown?.FirstOrDefault():X2}{at}");
        }
    }
}
