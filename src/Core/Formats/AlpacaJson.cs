namespace SelfInstruct.Core.Formats;

/// <summary>
/// Alpaca's dataset format: one JSON array of objects with <c>instruction</c>, <c>input</c> (may be absent,
/// meaning empty) and <c>output</c>.
/// </summary>
public static class AlpacaJson
{
    /// <summary>Reads every example; a malformed one throws naming the line where its object starts.</summary>
    /// <exception cref="InvalidDataException">The file is not an array of valid examples.</exception>
    public static async Task<IReadOnlyList<AlpacaExample>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        try
        {
            return ReadExamples(bytes, path);
        }
        catch (JsonException exception)
        {
            var line = (int)(exception.LineNumber ?? 0) + 1;
            throw DataFormatError.At(path, line, "json", "valid JSON", JsonRecord.FirstSentence(exception.Message));
        }
    }

    /// <summary>Writes the examples atomically as an indented JSON array.</summary>
    public static Task WriteAsync(string path, IEnumerable<AlpacaExample> examples, CancellationToken cancellationToken)
    {
        var array = new JsonArray(examples
            .Select(example => (JsonNode)new JsonObject
            {
                ["instruction"] = example.Instruction,
                ["input"] = example.Input,
                ["output"] = example.Output,
            })
            .ToArray());
        return AtomicFile.WriteJsonAsync(path, array, JsonOptions.Indented, cancellationToken);
    }

    private static List<AlpacaExample> ReadExamples(byte[] bytes, string path)
    {
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            throw DataFormatError.At(path, 1, "json", "a JSON array of examples", $"{reader.TokenType}");
        }
        var examples = new List<AlpacaExample>();
        var lines = new LineCounter(bytes);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var line = lines.LineAt(reader.TokenStartIndex);
            var element = JsonElement.ParseValue(ref reader);
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw DataFormatError.At(
                    path, line, $"[{examples.Count}]", "an object", JsonRecord.Describe(element));
            }
            var record = new JsonRecord(element, path, line);
            examples.Add(new AlpacaExample(
                record.RequireNonEmptyString("instruction"),
                record.OptionalString("input", ""),
                record.RequireString("output")));
        }
        return examples;
    }

    /// <summary>Turns byte offsets into 1-based line numbers, scanning forward only.</summary>
    private sealed class LineCounter(byte[] bytes)
    {
        private long _offset;
        private int _line = 1;

        public int LineAt(long offset)
        {
            for (; _offset < offset; _offset++)
            {
                if (bytes[_offset] == (byte)'\n')
                {
                    _line++;
                }
            }
            return _line;
        }
    }
}
