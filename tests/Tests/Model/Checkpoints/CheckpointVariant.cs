using System.Buffers.Binary;
using SelfInstruct.Model.Checkpoints;
using SelfInstruct.Tests.Support;
using static TorchSharp.torch;

namespace SelfInstruct.Tests.Model.Checkpoints;

/// <summary>
/// A copy of a float32 fixture checkpoint with its weights rounded to another dtype (config.json's torch_dtype
/// says so), in <c>model.safetensors</c> or in shards <c>model-0000i-of-0000n.safetensors</c> with an index.
/// </summary>
internal static class CheckpointVariant
{
    public static string ShardName(int index, int count) => $"model-{index:00000}-of-{count:00000}.safetensors";

    public static async Task<TemporaryFolder> WriteAsync(string fixture, ScalarType dtype, int shards)
    {
        var folder = new TemporaryFolder();
        var source = ReferenceFixture.Folder(fixture);
        foreach (var file in Directory.GetFiles(source).Where(file =>
            Path.GetFileName(file) is not (SafetensorsFile.FileName or HfConfigFile.FileName)))
        {
            File.Copy(file, folder.File(Path.GetFileName(file)));
        }
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(source, HfConfigFile.FileName)))!.AsObject();
        config["torch_dtype"] = Checkpoint.DtypeName(dtype);
        File.WriteAllText(folder.File(HfConfigFile.FileName), config.ToJsonString());
        var weights = SafetensorsFile.Read(Path.Combine(source, SafetensorsFile.FileName))
            .ToDictionary(pair => pair.Key, pair => pair.Value.to_type(dtype), StringComparer.Ordinal);
        if (shards == 1)
        {
            await SafetensorsFile.WriteAsync(folder.File(SafetensorsFile.FileName), weights, CancellationToken.None);
            return folder;
        }
        var names = weights.Keys.Order(StringComparer.Ordinal).ToList();
        var weightMap = new JsonObject();
        foreach (var (chunk, index) in names.Chunk((names.Count + shards - 1) / shards).Select((c, i) => (c, i)))
        {
            var file = ShardName(index + 1, shards);
            await SafetensorsFile.WriteAsync(folder.File(file),
                chunk.ToDictionary(name => name, name => weights[name]), CancellationToken.None);
            foreach (var name in chunk)
            {
                weightMap[name] = file;
            }
        }
        WriteIndex(folder, weightMap);
        return folder;
    }

    /// <summary>Every tensor of the folder's safetensors files, as stored.</summary>
    public static Dictionary<string, Tensor> ReadAll(string folder) =>
        Directory.GetFiles(folder, "*.safetensors").SelectMany(file => SafetensorsFile.Read(file))
            .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);

    public static JsonObject ReadIndex(TemporaryFolder folder) =>
        JsonNode.Parse(File.ReadAllText(folder.File(WeightSet.IndexFileName)))!["weight_map"]!.AsObject();

    public static void WriteIndex(TemporaryFolder folder, JsonObject weightMap) =>
        File.WriteAllText(folder.File(WeightSet.IndexFileName), new JsonObject
        {
            ["metadata"] = new JsonObject(),
            ["weight_map"] = weightMap.DeepClone(),
        }.ToJsonString());

    /// <summary>Rewrites one entry's dtype name in a safetensors header, keeping the data as it is.</summary>
    public static void Retype(string path, string name, string dtype)
    {
        var bytes = File.ReadAllBytes(path);
        var length = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        var header = JsonNode.Parse(bytes.AsSpan(8, length))!.AsObject();
        header[name]!["dtype"] = dtype;
        var text = Encoding.UTF8.GetBytes(header.ToJsonString());
        var padded = (text.Length + 7) / 8 * 8;
        using var stream = File.Create(path);
        Span<byte> prefix = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)padded);
        stream.Write(prefix);
        stream.Write(text);
        stream.Write(Enumerable.Repeat((byte)' ', padded - text.Length).ToArray());
        stream.Write(bytes.AsSpan(8 + length));
    }
}
