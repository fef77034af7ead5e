namespace SelfInstruct.Core.Formats;

/// <summary>Reads a whole JSON file whose root must be an object, with errors that name the file.</summary>
public static class JsonFile
{
    /// <summary>The file's root object.</summary>
    /// <exception cref="InvalidDataException">The file is not valid JSON, or its root is not an object.</exception>
    public static JsonObject ReadObject(string path)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject
                ?? throw DataFormatError.In(path, "(root)", "a JSON object", "something else");
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{path}: not valid JSON: {exception.Message}", exception);
        }
    }
}
