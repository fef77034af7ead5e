using System.Text.Encodings.Web;

namespace SelfInstruct.Core.Formats;

/// <summary>Serializer settings shared by the JSON formats: readable text, nothing escaped that need not be.</summary>
public static class JsonOptions
{
    /// <summary>One record per line.</summary>
    public static JsonSerializerOptions Compact { get; } = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    /// <summary>Indented, for files people read.</summary>
    public static JsonSerializerOptions Indented { get; } = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
    };
}
