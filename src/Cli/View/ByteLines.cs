namespace SelfInstruct.Cli.View;

/// <summary>
/// The lines of a file as UTF-8 bytes with their offsets, found with a vectorised search for line feeds: a journal
/// of hundreds of megabytes is mostly replies the view only locates, so decoding every line to a string would be
/// most of its start-up.
/// </summary>
internal static class ByteLines
{
    /// <summary>
    /// Receives one line (without its line feed), where it starts and its number from 1; <paramref name="torn"/> when
    /// it is the end of the file without a line feed, as a writer's unfinished last line is.
    /// </summary>
    public delegate void Handler(ReadOnlySpan<byte> line, long offset, int number, bool torn);

    /// <summary>Calls <paramref name="handler"/> for each line of <paramref name="stream"/>, from its position.</summary>
    public static void ForEach(Stream stream, Handler handler)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(handler);
        var buffer = new byte[1 << 20];
        var (filled, number, offset) = (0, 0, 0L);
        while (true)
        {
            if (filled == buffer.Length)
            {
                // A line longer than the buffer: grow it until the line fits.
                Array.Resize(ref buffer, buffer.Length * 2);
            }
            var read = stream.Read(buffer, filled, buffer.Length - filled);
            filled += read;
            var start = 0;
            for (var end = buffer.AsSpan(0, filled).IndexOf((byte)'\n'); end >= 0;
                 end = buffer.AsSpan(start, filled - start).IndexOf((byte)'\n') is var next and >= 0 ? start + next : -1)
            {
                number++;
                handler(buffer.AsSpan(start, end - start), offset, number, false);
                offset += end - start + 1;
                start = end + 1;
            }
            if (read == 0)
            {
                if (start < filled)
                {
                    handler(buffer.AsSpan(start, filled - start), offset, number + 1, true);
                }
                return;
            }
            buffer.AsSpan(start, filled - start).CopyTo(buffer);
            filled -= start;
        }
    }
}
