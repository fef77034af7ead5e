using SelfInstruct.Tests.Support;

namespace SelfInstruct.Tests.Model;

/// <summary>
/// One case of a tiny checkpoint's <c>reference.json</c> in <c>../shared/data/models</c>: the prompt, its ids, the
/// float32 logits and hidden states an independent implementation of Hugging Face's definitions produced, and the
/// greedy continuation.
/// </summary>
internal sealed record ReferenceCase(
    string Name,
    string Text,
    long[] InputIds,
    float[][] Logits,
    long[] ArgmaxIds,
    IReadOnlyDictionary<string, float[][]> HiddenStates,
    long[] GreedyNewTokenIds);

internal static class ReferenceFixture
{
    public static readonly string[] HiddenStateNames = ["embeddings", "after_layer_0", "after_layer_1", "final_norm"];

    public static string Folder(string model) => SharedData.PathTo(Path.Combine("data", "models", model));

    public static IReadOnlyList<ReferenceCase> Cases(string model)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder(model), "reference.json")));
        return document.RootElement.GetProperty("cases").EnumerateArray().Select(ReadCase).ToList();
    }

    private static ReferenceCase ReadCase(JsonElement element)
    {
        var hidden = element.GetProperty("hidden_states");
        return new ReferenceCase(
            element.GetProperty("name").GetString()!,
            element.GetProperty("text").GetString()!,
            Longs(element.GetProperty("input_ids")),
            Matrix(element.GetProperty("logits")),
            Longs(element.GetProperty("argmax_ids")),
            HiddenStateNames.ToDictionary(name => name, name => Matrix(hidden.GetProperty(name))),
            Longs(element.GetProperty("greedy").GetProperty("new_token_ids")));
    }

    private static long[] Longs(JsonElement array) => array.EnumerateArray().Select(item => item.GetInt64()).ToArray();

    private static float[][] Matrix(JsonElement rows) =>
        rows.EnumerateArray().Select(row => row.EnumerateArray().Select(item => item.GetSingle()).ToArray()).ToArray();
}
