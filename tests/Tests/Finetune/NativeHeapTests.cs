using SelfInstruct.Finetune.Training;
using SelfInstruct.Tests.Model;
using Xunit;
using static TorchSharp.torch;

namespace SelfInstruct.Tests.Finetune;

[Collection(TorchSharpTests.Name)]
public sealed class NativeHeapTests
{
    [Fact]
    public void Keeps_freed_memory_on_glibc_and_counts_a_tensor_among_the_live_allocations()
    {
        Assert.True(OperatingSystem.IsLinux(), "the suite runs on Linux with glibc");
        Assert.True(NativeHeap.KeepFreedMemory());
        const long Size = 1L << 30;
        var before = NativeHeap.LiveBytes()!.Value;

        long during;
        // Uninitialised, so the gibibyte is counted without being touched. Other test classes may allocate meanwhile,
        // hence the margins.
        using (var tensor = empty(256, 1 << 20))
        {
            during = NativeHeap.LiveBytes()!.Value;
        }
        var after = NativeHeap.LiveBytes()!.Value;

        Assert.InRange(during - before, Size, Size + (128L << 20));
        Assert.InRange(during - after, Size - (128L << 20), Size + (128L << 20));
    }
}
