using System.Buffers.Binary;
using static TorchSharp.torch;

namespace SelfInstruct.Model.Checkpoints;

/// <summary>
/// The safetensors format: an 8-byte little-endian header length N, N bytes of JSON header (name → dtype, shape,
/// data offsets relative to the data buffer), then the data buffer, little-endian and row-major. Reads and writes
/// F32, BF16 and F16; every offset is checked against the file's length, so a truncated file names the first
/// tensor it cuts.
/// </summary>
public static class SafetensorsFile
{
    /// <summary>The single-file weights name inside a checkpoint folder.</summary>
    public const string FileName = "model.safetensors";

    private const long MaxHeaderBytes = 100L * 1024 * 1024;

    /// <summary>Reads and checks the header: every tensor, in data order.</summary>
    /// <exception cref="InvalidDataException">The header is malformed or the file is shorter than it says.</exception>
    public static IReadOnlyList<SafetensorsEntry> ReadHeader(string path)
    {
        using var stream = OpenRead(path);
        return ReadHeader(path, stream);
    }

    /// <summary>Reads every tensor onto the CPU in its stored dtype.</summary>
    /// <exception cref="InvalidDataException">The file is malformed or truncated.</exception>
    public static Dictionary<string, Tensor> Read(string path)
    {
        using var stream = OpenRead(path);
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var entry in ReadHeader(path, stream))
        {
            var tensor = empty(entry.Shape, entry.Dtype);
            stream.Position = entry.Begin;
            stream.ReadExactly(tensor.bytes);
            tensors.Add(entry.Name, tensor);
        }
        return tensors;
    }

    /// <summary>
    /// Reads one tensor of the file straight into <paramref name="destination"/> (same shape, on the CPU): when the
    /// dtypes agree and it is contiguous the bytes land in its storage, otherwise through a temporary copy that is
    /// converted, so no more than one tensor is ever held twice.
    /// </summary>
    public static void ReadInto(string path, SafetensorsEntry entry, Tensor destination)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(destination);
        using var stream = OpenRead(path);
        stream.Position = entry.Begin;
        if (destination.dtype == entry.Dtype && destination.is_contiguous() && destination.device_type == TorchSharp.DeviceType.CPU)
        {
            stream.ReadExactly(destination.bytes);
            return;
        }
        using var stored = empty(entry.Shape, entry.Dtype);
        stream.ReadExactly(stored.bytes);
        destination.copy_(stored);
    }

    /// <summary>Reads one tensor onto the CPU in its stored dtype.</summary>
    public static Tensor Read(string path, SafetensorsEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var tensor = empty(entry.Shape, entry.Dtype);
        ReadInto(path, entry, tensor);
        return tensor;
    }

    /// <summary>Writes <paramref name="tensors"/> in name order, atomically; each keeps its dtype.</summary>
    /// <exception cref="ArgumentException">A tensor has a dtype other than float32, bfloat16 or float16.</exception>
    public static Task WriteAsync(
        string path, IReadOnlyDictionary<string, Tensor> tensors, CancellationToken cancellationToken) =>
        WriteAsync(path, tensors, null, cancellationToken);

    /// <summary>
    /// Writes <paramref name="tensors"/> in name order, atomically, each converted to <paramref name="dtype"/> one at
    /// a time as it is written (its own dtype when null), so the whole set is never copied.
    /// </summary>
    /// <exception cref="ArgumentException">A dtype other than float32, bfloat16 or float16.</exception>
    public static Task WriteAsync(string path, IReadOnlyDictionary<string, Tensor> tensors, ScalarType? dtype,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var names = tensors.Keys.Order(StringComparer.Ordinal).ToList();
        var header = new JsonObject { ["__metadata__"] = new JsonObject { ["format"] = "pt" } };
        long offset = 0;
        foreach (var name in names)
        {
            var tensor = tensors[name];
            var stored = dtype ?? tensor.dtype;
            var length = tensor.numel() * ElementSize(stored);
            header[name] = new JsonObject
            {
                ["dtype"] = DtypeName(stored, name),
                ["shape"] = new JsonArray(tensor.shape.Select(size => (JsonNode?)JsonValue.Create(size)).ToArray()),
                ["data_offsets"] = new JsonArray(offset, offset + length),
            };
            offset += length;
        }
        var headerBytes = Encoding.UTF8.GetBytes(header.ToJsonString());
        var padded = (headerBytes.Length + 7) / 8 * 8;
        return AtomicFile.WriteAsync(path, stream =>
        {
            Span<byte> prefix = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)padded);
            stream.Write(prefix);
            stream.Write(headerBytes);
            stream.Write(Enumerable.Repeat((byte)' ', padded - headerBytes.Length).ToArray());
            foreach (var name in names)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var contiguous = tensors[name].detach().cpu().to_type(dtype ?? tensors[name].dtype)
                    .contiguous();
                stream.Write(contiguous.bytes);
            }
            return Task.CompletedTask;
        }, cancellationToken);
    }

    private static FileStream OpenRead(string path) =>
        File.Exists(path)
            ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read)
            : throw new FileNotFoundException($"{path}: no such file", path);

    private static List<SafetensorsEntry> ReadHeader(string path, FileStream stream)
    {
        Span<byte> prefix = stackalloc byte[8];
        if (stream.Length < 8)
        {
            throw Truncated(path, $"it holds {stream.Length} bytes, fewer than the 8-byte header length");
        }
        stream.ReadExactly(prefix);
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (headerLength > MaxHeaderBytes || (long)headerLength > stream.Length - 8)
        {
            throw Truncated(path, $"the header claims {headerLength} bytes but the file holds {stream.Length}");
        }
        var headerBytes = new byte[headerLength];
        stream.ReadExactly(headerBytes);
        JsonObject header;
        try
        {
            header = JsonNode.Parse(headerBytes)?.AsObject()
                ?? throw DataFormatError.In(path, "header", "a JSON object", "null");
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            throw new InvalidDataException($"{path}: the safetensors header is not a JSON object: {exception.Message}",
                exception);
        }
        var dataStart = 8 + (long)headerLength;
        var entries = header.Where(pair => pair.Key != "__metadata__")
            .Select(pair => ParseEntry(path, pair.Key, pair.Value, dataStart))
            .OrderBy(entry => entry.Begin)
            .ToList();
        foreach (var entry in entries.Where(entry => entry.End > stream.Length))
        {
            throw Truncated(path, $"tensor {entry.Name} ends at byte {entry.End} but the file holds {stream.Length}");
        }
        return entries;
    }

    private static SafetensorsEntry ParseEntry(string path, string name, JsonNode? node, long dataStart)
    {
        if (node is not JsonObject entry || entry["dtype"] is not JsonValue dtypeNode
            || entry["shape"] is not JsonArray shapeNode || entry["data_offsets"] is not JsonArray offsetsNode)
        {
            throw DataFormatError.In(path, name, "{dtype, shape, data_offsets}", node?.ToJsonString() ?? "null");
        }
        try
        {
            var dtypeName = dtypeNode.GetValue<string>();
            var dtype = dtypeName switch
            {
                "F32" => ScalarType.Float32,
                "BF16" => ScalarType.BFloat16,
                "F16" => ScalarType.Float16,
                _ => throw new InvalidDataException($"{path}: tensor {name} has dtype {dtypeName}, which cannot be " +
                    "loaded as model weights; expected F32, BF16 or F16"),
            };
            var shape = shapeNode.Select(size => size?.GetValue<long>() ?? -1).ToArray();
            var offsets = offsetsNode.Select(offset => offset?.GetValue<long>() ?? -1).ToArray();
            var elementSize = ElementSize(dtype);
            var expected = shape.Aggregate(1L, (product, size) => product * size) * elementSize;
            if (offsets.Length != 2 || offsets[0] < 0 || offsets[1] - offsets[0] != expected || shape.Any(s => s < 0))
            {
                throw DataFormatError.In(path, name, $"data offsets spanning {expected} bytes for shape " +
                    $"[{string.Join(", ", shape)}]", $"[{string.Join(", ", offsets)}]");
            }
            return new SafetensorsEntry(name, dtype, shape, dataStart + offsets[0], dataStart + offsets[1]);
        }
        catch (Exception exception) when (exception is InvalidOperationException or FormatException)
        {
            throw DataFormatError.In(path, name, "{dtype, shape, data_offsets}", node.ToJsonString());
        }
    }

    private static string DtypeName(ScalarType dtype, string name) => dtype switch
    {
        ScalarType.Float32 => "F32",
        ScalarType.BFloat16 => "BF16",
        ScalarType.Float16 => "F16",
        _ => throw new ArgumentException($"tensor {name}: cannot write dtype {dtype}; expected float32, bfloat16 " +
            "or float16", nameof(dtype)),
    };

    private static int ElementSize(ScalarType dtype) => dtype == ScalarType.Float32 ? 4 : 2;

    private static InvalidDataException Truncated(string path, string detail) =>
        new($"{path}: truncated safetensors file: {detail}");
}
