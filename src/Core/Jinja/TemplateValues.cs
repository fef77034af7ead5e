using System.Collections;

namespace SelfInstruct.Core.Jinja;

/// <summary>
/// Copies a caller's globals into template values once per render: integers become <see cref="long"/>, floats
/// <see cref="double"/>, any string-keyed dictionary a <see cref="Dictionary{TKey, TValue}"/> in its order, any
/// other sequence (and JSON arrays) a list. The copy also keeps a render from ever touching the caller's objects.
/// </summary>
internal static class TemplateValues
{
    public static Dictionary<string, object?> Import(IReadOnlyDictionary<string, object?> globals)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in globals)
        {
            values[name] = Import(value, name);
        }
        return values;
    }

    /// <summary>One value, such as a function's result; <paramref name="path"/> names it in an error.</summary>
    public static object? Import(object? value, string path) => value switch
    {
        null or bool or string or long or double or JinjaFunction => value,
        int or short or byte or sbyte or ushort or uint => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        float real => (double)real,
        JsonElement element => ImportJson(element, path),
        JsonNode node => ImportJson(JsonSerializer.SerializeToElement(node), path),
        IReadOnlyDictionary<string, object?> dictionary =>
            ImportEntries(dictionary.Select(entry => (entry.Key, entry.Value)), path),
        IDictionary dictionary => ImportEntries(Entries(dictionary, path), path),
        IEnumerable items => items.Cast<object?>().Select((item, index) => Import(item, $"{path}[{index}]")).ToList(),
        _ => throw new ArgumentException(
            $"template global {path}: unsupported value of type {value.GetType().Name}", nameof(value)),
    };

    private static IEnumerable<(string, object?)> Entries(IDictionary dictionary, string path)
    {
        foreach (DictionaryEntry entry in dictionary)
        {
            yield return (entry.Key as string ?? throw new ArgumentException(
                $"template global {path}: a dictionary key of type {entry.Key.GetType().Name}, expected string",
                nameof(dictionary)), entry.Value);
        }
    }

    private static Dictionary<string, object?> ImportEntries(
        IEnumerable<(string Key, object? Value)> entries, string path)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in entries)
        {
            result[key] = Import(value, $"{path}['{key}']");
        }
        return result;
    }

    private static object? ImportJson(JsonElement element, string path) => element.ValueKind switch
    {
        JsonValueKind.Object =>
            ImportEntries(element.EnumerateObject().Select(property => (property.Name, (object?)property.Value)), path),
        JsonValueKind.Array =>
            element.EnumerateArray().Select((item, index) => ImportJson(item, $"{path}[{index}]")).ToList(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number when element.TryGetInt64(out var integer) && !element.GetRawText().Contains('.') =>
            integer,
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
