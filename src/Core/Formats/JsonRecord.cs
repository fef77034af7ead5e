namespace SelfInstruct.Core.Formats;

/// <summary>
/// One JSON object read from a data file, with its location, and typed field access whose failures are
/// <see cref="InvalidDataException"/>s naming the file, line and field.
/// </summary>
public readonly record struct JsonRecord(JsonElement Element, string File, int Line, string FieldPrefix = "")
{
    public string RequireString(string field)
    {
        var value = Require(field);
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw Bad(field, "a string", Describe(value));
    }

    public string RequireNonEmptyString(string field)
    {
        var value = RequireString(field);
        return value.Trim().Length > 0 ? value : throw Bad(field, "a non-empty string", "an empty string");
    }

    public string OptionalString(string field, string fallback)
    {
        if (!Element.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return fallback;
        }
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw Bad(field, "a string", Describe(value));
    }

    public bool RequireBool(string field)
    {
        var value = Require(field);
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Bad(field, "true or false", Describe(value)),
        };
    }

    public IReadOnlyList<JsonRecord> RequireObjects(string field)
    {
        var value = Require(field);
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
        {
            throw Bad(field, "a non-empty array of objects", Describe(value));
        }
        var items = new List<JsonRecord>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw Bad($"{field}[{index}]", "an object", Describe(item));
            }
            items.Add(this with { Element = item, FieldPrefix = $"{FieldPrefix}{field}[{index}]." });
            index++;
        }
        return items;
    }

    public IReadOnlyList<string> RequireStrings(string field)
    {
        var value = Require(field);
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0 ||
            value.EnumerateArray().Any(item => item.ValueKind != JsonValueKind.String))
        {
            throw Bad(field, "a non-empty array of strings", Describe(value));
        }
        return value.EnumerateArray().Select(item => item.GetString()!).ToList();
    }

    public InvalidDataException Bad(string field, string expected, string found) =>
        DataFormatError.At(File, Line, FieldPrefix + field, expected, found);

    public static JsonRecord ParseObject(string text, string file, int line)
    {
        JsonElement element;
        try
        {
            using var document = JsonDocument.Parse(text);
            element = document.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            throw DataFormatError.At(file, line, "json", "one JSON object per line", FirstSentence(exception.Message));
        }
        return element.ValueKind == JsonValueKind.Object
            ? new JsonRecord(element, file, line)
            : throw DataFormatError.At(file, line, "json", "a JSON object", Describe(element));
    }

    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{Shorten(value.GetString()!)}\"",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {value.GetRawText()}",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => $"an array of {value.GetArrayLength()} items",
        JsonValueKind.Object => "an object",
        _ => "nothing",
    };

    public static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..end];
    }

    private JsonElement Require(string field) =>
        Element.TryGetProperty(field, out var value) ? value : throw Bad(field, "a value", "no such field");

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";
}
