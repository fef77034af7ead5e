using SelfInstruct.Model.Checkpoints;
using SelfInstruct.Tests.Support;
using Xunit;
using static TorchSharp.torch;

namespace SelfInstruct.Tests.Model.Checkpoints;

/// <summary>
/// Broken shipped checkpoints (tiny-llama in bf16, two shards): each is refused with one line naming the file and the
/// tensor, from the headers alone, before any weight is read.
/// </summary>
[Collection(TorchSharpTests.Name)]
public sealed class CheckpointErrorTests
{
    private const string Moved = "model.layers.1.mlp.up_proj.weight";

    [SharedDataFact]
    public async Task Names_the_index_the_shard_and_a_tensor_of_a_missing_shard()
    {
        using var folder = await ShardedAsync();
        var shard = CheckpointVariant.ShardName(2, 2);
        File.Delete(folder.File(shard));

        var error = Assert.Throws<FileNotFoundException>(() => Checkpoint.Load(folder.Path));

        var first = CheckpointVariant.ReadIndex(folder).First(pair => pair.Value!.GetValue<string>() == shard).Key;
        AssertOneLine($"{folder.File(WeightSet.IndexFileName)}: shard {shard}, which holds tensor {first}, is missing: " +
            $"no such file {folder.File(shard)}", error);
    }

    [SharedDataFact]
    public async Task Names_the_shard_and_the_tensor_the_index_puts_in_another_shard()
    {
        using var folder = await ShardedAsync();
        var weightMap = CheckpointVariant.ReadIndex(folder);
        var shard = weightMap[Moved]!.GetValue<string>();
        var other = shard == CheckpointVariant.ShardName(1, 2)
            ? CheckpointVariant.ShardName(2, 2)
            : CheckpointVariant.ShardName(1, 2);
        weightMap[Moved] = other;
        CheckpointVariant.WriteIndex(folder, weightMap);

        var error = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(folder.Path));

        AssertOneLine($"{folder.File(shard)}: tensor {Moved} is in this shard but " +
            $"{folder.File(WeightSet.IndexFileName)} puts it in {other}", error);
    }

    [SharedDataFact]
    public async Task Names_the_tensor_the_index_lists_and_no_shard_holds()
    {
        using var folder = await ShardedAsync();
        var weightMap = CheckpointVariant.ReadIndex(folder);
        var shard = weightMap[Moved]!.GetValue<string>();
        var tensors = SafetensorsFile.Read(folder.File(shard));
        tensors.Remove(Moved);
        await SafetensorsFile.WriteAsync(folder.File(shard), tensors, CancellationToken.None);

        var error = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(folder.Path));

        AssertOneLine($"{folder.File(shard)}: tensor {Moved}, which {folder.File(WeightSet.IndexFileName)} puts in " +
            "this shard, is not in it", error);
    }

    [SharedDataFact]
    public async Task Names_a_tensor_of_a_shard_the_index_does_not_list()
    {
        using var folder = await ShardedAsync();
        var weightMap = CheckpointVariant.ReadIndex(folder);
        var shard = weightMap[Moved]!.GetValue<string>();
        weightMap.Remove(Moved);
        CheckpointVariant.WriteIndex(folder, weightMap);

        var error = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(folder.Path));

        AssertOneLine($"{folder.File(shard)}: tensor {Moved} is in this shard but " +
            $"{folder.File(WeightSet.IndexFileName)} does not list it", error);
    }

    [SharedDataFact]
    public async Task Names_the_shard_of_a_tensor_the_model_does_not_have()
    {
        using var folder = await ShardedAsync();
        var shard = CheckpointVariant.ShardName(2, 2);
        var tensors = SafetensorsFile.Read(folder.File(shard));
        tensors["model.layers.2.mlp.up_proj.weight"] = zeros(new long[] { 96, 64 }, ScalarType.BFloat16);
        await SafetensorsFile.WriteAsync(folder.File(shard), tensors, CancellationToken.None);
        var weightMap = CheckpointVariant.ReadIndex(folder);
        weightMap["model.layers.2.mlp.up_proj.weight"] = shard;
        CheckpointVariant.WriteIndex(folder, weightMap);

        var error = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(folder.Path));

        AssertOneLine($"{folder.File(shard)}: unexpected tensor model.layers.2.mlp.up_proj.weight, which is not part " +
            "of a Llama model with this config.json", error);
    }

    [SharedDataFact]
    public async Task Names_the_shard_and_the_tensor_of_a_wrong_shape()
    {
        using var folder = await ShardedAsync();
        var shard = CheckpointVariant.ReadIndex(folder)[Moved]!.GetValue<string>();
        var tensors = SafetensorsFile.Read(folder.File(shard));
        var expected = tensors[Moved].shape;
        tensors[Moved] = zeros(new long[] { expected[0] + 1, expected[1] }, ScalarType.BFloat16);
        await SafetensorsFile.WriteAsync(folder.File(shard), tensors, CancellationToken.None);

        var error = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(folder.Path));

        AssertOneLine($"{folder.File(shard)}: tensor {Moved} has shape [{expected[0] + 1}, {expected[1]}], expected " +
            $"[{expected[0]}, {expected[1]}] from config.json", error);
    }

    [SharedDataTheory]
    [InlineData("F8_E4M3")]
    [InlineData("I64")]
    public async Task Names_the_shard_and_the_tensor_of_a_dtype_weights_cannot_have(string dtype)
    {
        using var folder = await ShardedAsync();
        var shard = CheckpointVariant.ReadIndex(folder)[Moved]!.GetValue<string>();
        CheckpointVariant.Retype(folder.File(shard), Moved, dtype);

        var error = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(folder.Path));

        AssertOneLine($"{folder.File(shard)}: tensor {Moved} has dtype {dtype}, which cannot be loaded as model " +
            "weights; expected F32, BF16 or F16", error);
    }

    private static Task<TemporaryFolder> ShardedAsync() =>
        CheckpointVariant.WriteAsync("tiny-llama", ScalarType.BFloat16, 2);

    private static void AssertOneLine(string expected, Exception error)
    {
        Assert.Equal(expected, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }
}
