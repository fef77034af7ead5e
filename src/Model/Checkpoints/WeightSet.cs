using static TorchSharp.torch;

namespace SelfInstruct.Model.Checkpoints;

/// <summary>
/// Every tensor of a checkpoint folder by Hugging Face name, as header entries with the file each lives in: from
/// <c>model.safetensors</c>, or from the shards that <c>model.safetensors.index.json</c> lists. Only the headers are
/// read here, and all of them are checked before any data is, so a broken folder fails before a model is touched;
/// the data is read one tensor at a time by <see cref="ReadInto"/> or <see cref="ReadTensor"/>.
/// </summary>
internal sealed class WeightSet
{
    public const string IndexFileName = "model.safetensors.index.json";

    private WeightSet(Dictionary<string, SafetensorsEntry> entries, Dictionary<string, string> files)
    {
        Entries = entries;
        Files = files;
    }

    /// <summary>Every tensor's header entry by name.</summary>
    public Dictionary<string, SafetensorsEntry> Entries { get; }

    /// <summary>The file each tensor lives in, by name.</summary>
    public Dictionary<string, string> Files { get; }

    /// <summary>Reads the single file's header when there is one, otherwise the index and its shards' headers.</summary>
    /// <exception cref="FileNotFoundException">No weights, or a shard the index names is missing.</exception>
    /// <exception cref="InvalidDataException">A header is malformed, or a shard disagrees with the index.</exception>
    public static WeightSet Read(string folder)
    {
        var single = Path.Combine(folder, SafetensorsFile.FileName);
        var index = Path.Combine(folder, IndexFileName);
        if (File.Exists(single))
        {
            var entries = SafetensorsFile.ReadHeader(single).ToDictionary(entry => entry.Name, StringComparer.Ordinal);
            return new WeightSet(entries, entries.Keys.ToDictionary(name => name, _ => single));
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
        foreach (var name in Entries.Keys.ToList())
        {
            var renamed = rename(name);
            if (renamed != name)
            {
                Entries[renamed] = Entries[name] with { Name = renamed };
                Files[renamed] = Files[name];
                Entries.Remove(name);
                Files.Remove(name);
            }
        }
    }

    /// <summary>Drops the tensors <paramref name="ignore"/> selects.</summary>
    public void RemoveWhere(Func<string, bool> ignore)
    {
        foreach (var name in Entries.Keys.Where(ignore).ToList())
        {
            Entries.Remove(name);
            Files.Remove(name);
        }
    }

    /// <summary>Reads tensor <paramref name="name"/> into <paramref name="destination"/>, converting its dtype.</summary>
    public void ReadInto(string name, Tensor destination) =>
        SafetensorsFile.ReadInto(Files[name], Entries[name], destination);

    /// <summary>Reads tensor <paramref name="name"/> onto the CPU in its stored dtype; the caller disposes it.</summary>
    public Tensor ReadTensor(string name) => SafetensorsFile.Read(Files[name], Entries[name]);

    private static WeightSet ReadShards(string folder, string index)
    {
        var weightMap = ReadWeightMap(index);
        var entries = new Dictionary<string, SafetensorsEntry>(StringComparer.Ordinal);
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var shard in weightMap.Values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var path = Path.Combine(folder, shard);
            if (!File.Exists(path))
            {
                var first = weightMap.First(pair => pair.Value == shard).Key;
                throw new FileNotFoundException(
                    $"{index}: shard {shard}, which holds tensor {first}, is missing: no such file {path}", path);
            }
            foreach (var entry in SafetensorsFile.ReadHeader(path))
            {
                if (!weightMap.TryGetValue(entry.Name, out var listed) || listed != shard)
                {
                    throw new InvalidDataException($"{path}: tensor {entry.Name} is in this shard but {index} " +
                        (listed is null ? "does not list it" : $"puts it in {listed}"));
                }
                entries[entry.Name] = entry;
                files[entry.Name] = path;
            }
        }
        foreach (var (name, shard) in weightMap.Where(pair => !entries.ContainsKey(pair.Key)))
        {
            throw new InvalidDataException(
                $"{Path.Combine(folder, shard)}: tensor {name}, which {index} puts in this shard, is not in it");
        }
        return new WeightSet(entries, files);
    }

    private static Dictionary<string, string> ReadWeightMap(string index)
    {
        try
        {
            return (JsonNode.Parse(File.ReadAllText(index))?["weight_map"] as JsonObject
                    ?? throw DataFormatError.In(index, "weight_map", "an object of tensor name → file", "nothing"))
                .ToDictionary(pair => pair.Key, pair => pair.Value?.GetValue<string>()
                    ?? throw DataFormatError.In(index, pair.Key, "a file name", "null"), StringComparer.Ordinal);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            throw new InvalidDataException($"{index}: not a safetensors index: {exception.Message}", exception);
        }
    }
}
