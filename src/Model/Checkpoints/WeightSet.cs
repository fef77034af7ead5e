using static TorchSharp.torch;

namespace SelfInstruct.Model.Checkpoints;

/// <summary>
/// Every tensor of a checkpoint folder by Hugging Face name, with the file each came from (for error messages):
/// from <c>model.safetensors</c>, or from the shards that <c>model.safetensors.index.json</c> lists.
/// </summary>
internal sealed class WeightSet : IDisposable
{
    public const string IndexFileName = "model.safetensors.index.json";

    private WeightSet(Dictionary<string, Tensor> tensors, Dictionary<string, string> files)
    {
        Tensors = tensors;
        Files = files;
    }

    public Dictionary<string, Tensor> Tensors { get; }

    public Dictionary<string, string> Files { get; }

    /// <summary>Reads the single file when there is one, otherwise the shards the index names.</summary>
    public static WeightSet Read(string folder)
    {
        var single = Path.Combine(folder, SafetensorsFile.FileName);
        var index = Path.Combine(folder, IndexFileName);
        if (File.Exists(single))
        {
            var tensors = SafetensorsFile.Read(single);
            return new WeightSet(tensors, tensors.Keys.ToDictionary(name => name, _ => single));
        }
        if (File.Exists(index))
        {
            return ReadShards(folder, index);
        }
        throw new FileNotFoundException(
            $"{folder}: no weights: neither {SafetensorsFile.FileName} nor {IndexFileName} is there", single);
    }

    /// <summary>Renames tensors, keeping each one's source file.</summary>
    public void Rename(Func<string, string> rename)
    {
        foreach (var name in Tensors.Keys.ToList())
        {
            var renamed = rename(name);
            if (renamed != name)
            {
                Tensors[renamed] = Tensors[name];
                Files[renamed] = Files[name];
                Tensors.Remove(name);
                Files.Remove(name);
            }
        }
    }

    /// <summary>Drops and disposes the tensors <paramref name="ignore"/> selects.</summary>
    public void RemoveWhere(Func<string, bool> ignore)
    {
        foreach (var name in Tensors.Keys.Where(ignore).ToList())
        {
            Tensors[name].Dispose();
            Tensors.Remove(name);
            Files.Remove(name);
        }
    }

    public void Dispose()
    {
        foreach (var tensor in Tensors.Values)
        {
            tensor.Dispose();
        }
        Tensors.Clear();
    }

    private static WeightSet ReadShards(string folder, string index)
    {
        Dictionary<string, string> weightMap;
        try
        {
            weightMap = (JsonNode.Parse(File.ReadAllText(index))?["weight_map"] as JsonObject
                    ?? throw DataFormatError.In(index, "weight_map", "an object of tensor name → file", "nothing"))
                .ToDictionary(pair => pair.Key, pair => pair.Value?.GetValue<string>()
                    ?? throw DataFormatError.In(index, pair.Key, "a file name", "null"));
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            throw new InvalidDataException($"{index}: not a safetensors index: {exception.Message}", exception);
        }
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var shard in weightMap.Values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var path = Path.Combine(folder, shard);
            foreach (var (name, tensor) in SafetensorsFile.Read(path))
            {
                tensors[name] = tensor;
                files[name] = path;
            }
        }
        foreach (var (name, shard) in weightMap.Where(pair => !tensors.ContainsKey(pair.Key)))
        {
            throw DataFormatError.In(index, name, $"a tensor in {shard}", "no such tensor in that file");
        }
        return new WeightSet(tensors, files);
    }
}
