using System.Buffers.Binary;
using SelfInstruct.Model.Checkpoints;
using SelfInstruct.Tests.Support;
using Xunit;
using static TorchSharp.torch;

namespace SelfInstruct.Tests.Model.Checkpoints;

[Collection(TorchSharpTests.Name)]
public sealed class SafetensorsFileTests
{
    [Fact]
    public async Task Writes_and_reads_back_float32_bfloat16_and_float16_bit_for_bit()
    {
        using var folder = new TemporaryFolder();
        using var scope = NewDisposeScope();
        var tensors = new Dictionary<string, Tensor>
        {
            ["b.f32"] = randn(3, 5),
            ["a.bf16"] = randn(4, 2).to(ScalarType.BFloat16),
            ["c.f16"] = randn(7).to(ScalarType.Float16),
        };

        await SafetensorsFile.WriteAsync(folder.File("w.safetensors"), tensors, CancellationToken.None);
        var read = SafetensorsFile.Read(folder.File("w.safetensors"));

        Assert.Equal(tensors.Keys.Order(), read.Keys.Order());
        foreach (var (name, tensor) in tensors)
        {
            Assert.Equal(tensor.dtype, read[name].dtype);
            Assert.Equal(tensor.shape, read[name].shape);
            Assert.Equal(tensor.bytes.ToArray(), read[name].bytes.ToArray());
        }
    }

    [Fact]
    public async Task Lays_out_tensors_in_name_order_after_a_header_padded_to_eight_bytes()
    {
        using var folder = new TemporaryFolder();
        using var scope = NewDisposeScope();
        var tensors = new Dictionary<string, Tensor> { ["z"] = ones(2), ["a"] = zeros(3) };

        await SafetensorsFile.WriteAsync(folder.File("w.safetensors"), tensors, CancellationToken.None);
        var bytes = await File.ReadAllBytesAsync(folder.File("w.safetensors"));
        var headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        var header = Encoding.UTF8.GetString(bytes, 8, headerLength);

        Assert.Equal(0, headerLength % 8);
        Assert.Equal(8 + headerLength + 20, bytes.Length);
        Assert.StartsWith("{\"__metadata__\":{\"format\":\"pt\"},\"a\":{\"dtype\":\"F32\",\"shape\":[3]," +
            "\"data_offsets\":[0,12]},\"z\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[12,20]}}", header);
    }

    [Fact]
    public async Task Names_the_file_and_the_first_tensor_a_truncated_file_cuts()
    {
        using var folder = new TemporaryFolder();
        using var scope = NewDisposeScope();
        var path = folder.File("w.safetensors");
        var tensors = new Dictionary<string, Tensor> { ["first"] = ones(4), ["second"] = ones(4) };
        await SafetensorsFile.WriteAsync(path, tensors, CancellationToken.None);
        var bytes = await File.ReadAllBytesAsync(path);
        await File.WriteAllBytesAsync(path, bytes[..^3]);

        var error = Assert.Throws<InvalidDataException>(() => SafetensorsFile.Read(path));

        Assert.Equal($"{path}: truncated safetensors file: tensor second ends at byte {bytes.Length} but the file " +
            $"holds {bytes.Length - 3}", error.Message);
    }

    [Fact]
    public async Task Names_the_file_when_the_header_is_cut_short()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("w.safetensors");
        await File.WriteAllBytesAsync(path, [200, 0, 0, 0, 0, 0, 0, 0, (byte)'{']);

        var error = Assert.Throws<InvalidDataException>(() => SafetensorsFile.ReadHeader(path));

        Assert.Equal($"{path}: truncated safetensors file: the header claims 200 bytes but the file holds 9",
            error.Message);
    }
}
