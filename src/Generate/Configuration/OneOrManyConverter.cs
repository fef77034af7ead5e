namespace SelfInstruct.Generate.Configuration;

/// <summary>
/// A list of texts that a config may give as one text or as a list (<c>"base_url": "http://a/v1"</c> or
/// <c>["http://a/v1", "http://b/v1"]</c>). It is written back as it is usually given: null when empty, a text when one.
/// </summary>
internal sealed class OneOrManyConverter : JsonConverter<IReadOnlyList<string>>
{
    public override bool HandleNull => true;

    public override IReadOnlyList<string> Read(ref Utf8JsonReader reader, Type typeToConvert,
        JsonSerializerOptions options) => reader.TokenType switch
        {
            JsonTokenType.Null => [],
            JsonTokenType.String => [reader.GetString()!],
            _ => JsonSerializer.Deserialize<List<string>>(ref reader, options)
                ?? throw new JsonException("expected a text or a list of texts"),
        };

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options)
    {
        switch (value.Count)
        {
            case 0:
                writer.WriteNullValue();
                break;
            case 1:
                writer.WriteStringValue(value[0]);
                break;
            default:
                JsonSerializer.Serialize(writer, value, options);
                break;
        }
    }
}
