using SelfInstruct.Model;
using SelfInstruct.Model.Checkpoints;
using SelfInstruct.Tests.Support;
using Xunit;
using static TorchSharp.torch;

namespace SelfInstruct.Tests.Model.Checkpoints;

/// <summary>
/// Weights as they ship: the float32 fixtures rounded to bf16 or f16, in one file or two shards with an index, tied
/// (tiny-qwen2) or untied (tiny-llama); loaded in the compute dtype, saved back in the dtype they came in.
/// </summary>
[Collection(TorchSharpTests.Name)]
public sealed class CheckpointDtypeTests
{
    [SharedDataTheory]
    [InlineData("tiny-llama", ScalarType.BFloat16, 2)]
    [InlineData("tiny-qwen2", ScalarType.BFloat16, 1)]
    [InlineData("tiny-llama", ScalarType.Float16, 1)]
    [InlineData("tiny-qwen2", ScalarType.Float16, 2)]
    public async Task Loads_weights_in_their_own_dtype_exactly_and_close_to_the_float32_upcast(
        string fixture, ScalarType dtype, int shards)
    {
        using var folder = await CheckpointVariant.WriteAsync(fixture, dtype, shards);
        var stored = CheckpointVariant.ReadAll(folder.Path);

        using var model = Checkpoint.Load(folder.Path, dtype);
        using var reference = Checkpoint.Load(folder.Path);

        foreach (var (name, parameter) in model.state_dict())
        {
            TensorAssert.Identical(stored[name], parameter, $"{name} in {dtype}");
            using var upcast = stored[name].to_type(ScalarType.Float32);
            TensorAssert.Identical(upcast, reference.state_dict()[name], $"{name} upcast to float32");
        }
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var ids = tensor(ReferenceFixture.Cases(fixture)[0].InputIds).unsqueeze(0);
        var expected = reference.Logits(ids);
        var actual = model.Logits(ids).to_type(ScalarType.Float32);
        var worst = (expected - actual).abs().max().item<float>();
        var scale = expected.abs().max().item<float>();
        // Half-precision compute: a few parts in a hundred of the logits' range.
        Assert.True(worst <= 0.03 * scale, $"{fixture} {dtype}: logits differ by {worst} of {scale}");
        Assert.True(worst > 0, "the half-precision model computed in float32");
    }

    [SharedDataTheory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.BFloat16)]
    public async Task Saves_a_bf16_checkpoint_in_bf16_bit_identically_whatever_the_compute_dtype(ScalarType compute)
    {
        using var folder = await CheckpointVariant.WriteAsync("tiny-llama", ScalarType.BFloat16, 2);
        using var saved = new TemporaryFolder();
        var target = Path.Combine(saved.Path, "out");
        using (var local = LocalModel.Load(folder.Path, compute))
        {
            Assert.Equal(ScalarType.BFloat16, local.WeightsDtype);
            await local.SaveAsync(target, CancellationToken.None);
        }

        var path = Path.Combine(target, SafetensorsFile.FileName);
        Assert.All(SafetensorsFile.ReadHeader(path), entry => Assert.Equal(ScalarType.BFloat16, entry.Dtype));
        Assert.Equal("bfloat16", HfConfigFile.Read(Path.Combine(target, HfConfigFile.FileName)).Dtype);
        var ratio = (double)new FileInfo(path).Length /
            new FileInfo(Path.Combine(ReferenceFixture.Folder("tiny-llama"), SafetensorsFile.FileName)).Length;
        Assert.InRange(ratio, 0.45, 0.55);
        var stored = CheckpointVariant.ReadAll(folder.Path);
        var written = SafetensorsFile.Read(path);
        Assert.Equal(stored.Keys.Order(), written.Keys.Order());
        foreach (var (name, tensor) in stored)
        {
            TensorAssert.Identical(tensor, written[name], $"{name} after a bf16 round trip");
        }
    }

    [SharedDataFact]
    public async Task Saves_in_the_dtype_asked_for_instead()
    {
        using var folder = await CheckpointVariant.WriteAsync("tiny-qwen2", ScalarType.BFloat16, 1);
        using var saved = new TemporaryFolder();
        var target = Path.Combine(saved.Path, "out");
        using (var local = LocalModel.Load(folder.Path, ScalarType.BFloat16))
        {
            await local.SaveAsync(target, ScalarType.Float32, CancellationToken.None);
        }

        var written = SafetensorsFile.Read(Path.Combine(target, SafetensorsFile.FileName));
        Assert.Equal("float32", HfConfigFile.Read(Path.Combine(target, HfConfigFile.FileName)).Dtype);
        foreach (var (name, tensor) in CheckpointVariant.ReadAll(folder.Path))
        {
            using var upcast = tensor.to_type(ScalarType.Float32);
            TensorAssert.Identical(upcast, written[name], $"{name} saved as float32");
        }
    }

    [SharedDataFact]
    public async Task A_model_made_from_scratch_saves_in_its_current_dtype()
    {
        using var folder = await CheckpointVariant.WriteAsync("tiny-qwen2", ScalarType.BFloat16, 1);
        using var saved = new TemporaryFolder();
        using var local = LocalModel.Load(folder.Path);
        using var fresh = LocalModel.Create(local.Model.Config with { Dtype = "float32" }, local.Tokenizer, seed: 1);

        await fresh.SaveAsync(Path.Combine(saved.Path, "out"), CancellationToken.None);

        Assert.Null(fresh.WeightsDtype);
        Assert.All(SafetensorsFile.ReadHeader(Path.Combine(saved.Path, "out", SafetensorsFile.FileName)),
            entry => Assert.Equal(ScalarType.Float32, entry.Dtype));
    }
}
