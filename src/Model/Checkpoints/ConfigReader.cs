namespace SelfInstruct.Model.Checkpoints;

/// <summary>Typed access to config keys with errors that name the file and the key.</summary>
internal sealed class ConfigReader(string path, JsonObject json, string prefix = "")
{
    public InvalidDataException Error(string key, string expected, string found) =>
        DataFormatError.In(path, prefix + key, expected, found);

    /// <summary>Whether the key is there, even with the value null.</summary>
    public bool Has(string key) => json.ContainsKey(key);

    /// <summary>
    /// A reader of the object under <paramref name="key"/>, whose errors name it key.field; null if absent.
    /// </summary>
    public ConfigReader? OptionalNested(string key) =>
        OptionalObject(key) is { } nested ? new ConfigReader(path, nested, $"{prefix}{key}.") : null;

    public double Double(string key) => OptionalDouble(key) ?? throw Error(key, "a number", "nothing");

    public string String(string key) => OptionalString(key) ?? throw Error(key, "a string", "nothing");

    public int Int(string key) => OptionalInt(key) ?? throw Error(key, "an integer", "nothing");

    public string? OptionalString(string key) => Get(key, "a string", node => node.GetValue<string>());

    public int? OptionalInt(string key) => Get(key, "an integer", node => (int?)node.GetValue<int>());

    public double? OptionalDouble(string key) => Get(key, "a number", node => (double?)node.GetValue<double>());

    public bool? OptionalBool(string key) => Get(key, "true or false", node => (bool?)node.GetValue<bool>());

    public JsonObject? OptionalObject(string key) => Get(key, "an object", node => node.AsObject());

    public List<string>? OptionalStrings(string key) => Get(key, "a list of strings",
        node => node.AsArray().Select(item => item?.GetValue<string>() ?? throw new FormatException()).ToList());

    public List<int> IntOrInts(string key) => json[key] switch
    {
        null => [],
        JsonArray array => Get(key, "an integer or a list of integers",
            _ => array.Select(item => item!.GetValue<int>()).ToList())!,
        _ => [Int(key)],
    };

    private T? Get<T>(string key, string expected, Func<JsonNode, T> read)
    {
        var node = json[key];
        if (node is null)
        {
            return default;
        }
        try
        {
            return read(node);
        }
        catch (Exception exception) when (exception is InvalidOperationException or FormatException)
        {
            throw Error(key, expected, node.ToJsonString());
        }
    }
}
