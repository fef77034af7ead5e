using SelfInstruct.Tests.Support;

namespace SelfInstruct.Tests.Model;

/// <summary>
/// One tiny checkpoint of <c>tests/Fixtures/Models</c> with the outputs that
/// <c>tests/Fixtures/make_model_references.py</c> computed in float64 from its own implementation of Hugging Face's
/// modeling code: the logits at every position of the input ids and the greedy continuation (recomputing the whole
/// sequence at each step), and the greedy continuation through a KV cache with the logits each token was picked from.
/// </summary>
internal sealed record ModelFixture(
    string Name,
    long[] InputIds,
    float[][] Logits,
    long[] GreedyNewTokenIds,
    long[] CachedNewTokenIds,
    float[][] CachedLogits)
{
    /// <summary>Every fixture the script writes.</summary>
    public static readonly string[] Names =
    [
        "llama-llama3-bias", "llama-linear", "llama-dynamic", "qwen3", "qwen2-window", "mistral-window", "phi3-window",
        "smollm3-nope", "gemma3-text", "gemma2",
    ];

    public static string Folder(string name) =>
        RepositoryRoot.PathTo(Path.Combine("tests", "Fixtures", "Models", name));

    public static ModelFixture Read(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder(name), "reference.json")));
        var root = document.RootElement;
        return new ModelFixture(
            name,
            Longs(root.GetProperty("input_ids")),
            Matrix(root.GetProperty("logits")),
            Longs(root.GetProperty("greedy_new_token_ids")),
            Longs(root.GetProperty("greedy_cached_new_token_ids")),
            Matrix(root.GetProperty("greedy_cached_logits")));
    }

    private static float[][] Matrix(JsonElement rows) =>
        rows.EnumerateArray().Select(row => row.EnumerateArray().Select(item => item.GetSingle()).ToArray()).ToArray();

    private static long[] Longs(JsonElement array) => array.EnumerateArray().Select(item => item.GetInt64()).ToArray();
}
