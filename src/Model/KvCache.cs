using static TorchSharp.torch;

namespace SelfInstruct.Model;

/// <summary>
/// Keys and values of every layer for the tokens seen so far, after rotary positions, each
/// [batch, key/value heads, cached tokens, head dim]. The model appends to it on each forward pass; a new token's
/// position is the number of tokens already cached. Under a sliding window it still keeps every key: the attention
/// mask hides those outside the window, so cached decoding equals full recomputation. Owns its tensors: dispose it
/// when generation ends.
/// </summary>
public sealed class KvCache : IDisposable
{
    private readonly Tensor?[] _keys;
    private readonly Tensor?[] _values;

    /// <summary>An empty cache for a model with <paramref name="layerCount"/> layers.</summary>
    public KvCache(int layerCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(layerCount);
        _keys = new Tensor?[layerCount];
        _values = new Tensor?[layerCount];
    }

    /// <summary>Number of cached tokens per sequence.</summary>
    public long Length => _keys[^1]?.shape[2] ?? 0;

    /// <summary>
    /// Appends one layer's new keys and values and returns all of them. The returned tensors belong to the cache.
    /// </summary>
    public (Tensor Keys, Tensor Values) Append(int layer, Tensor keys, Tensor values)
    {
        _keys[layer] = Concatenate(_keys[layer], keys);
        _values[layer] = Concatenate(_values[layer], values);
        return (_keys[layer]!, _values[layer]!);
    }

    /// <summary>Releases every cached tensor.</summary>
    public void Dispose()
    {
        for (var layer = 0; layer < _keys.Length; layer++)
        {
            _keys[layer]?.Dispose();
            _values[layer]?.Dispose();
            _keys[layer] = null;
            _values[layer] = null;
        }
    }

    // batch, heads, cached + new, head dim; detached from any dispose scope because it outlives the step.
    private static Tensor Concatenate(Tensor? cached, Tensor added) =>
        Replace(cached, tensor => cat([tensor, added], 2)) ?? added.clone().DetachFromDisposeScope();

    private static Tensor? Replace(Tensor? cached, Func<Tensor, Tensor> update)
    {
        if (cached is null)
        {
            return null;
        }
        var updated = update(cached).DetachFromDisposeScope();
        cached.Dispose();
        return updated;
    }
}
