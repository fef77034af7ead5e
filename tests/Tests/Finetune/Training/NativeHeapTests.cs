using SelfInstruct.Finetune.Training;
using SelfInstruct.Tests.Model;
using Xunit;
using static TorchSharp.torch;

namespace SelfInstruct.Tests.Finetune.Training;

// Only reads the heap's figures: NativeHeap.KeepFreedMemory would change the allocator of every later test, so the
// executables that call it (selfinstruct, bench/Finetune) are where it runs.
[Collection(TorchSharpTests.Name)]
public sealed class NativeHeapTests
{
    [GlibcFact]
    public void Counts_a_tensor_among_the_live_allocations_until_it_is_freed()
    {
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

    /// <summary>A fact that needs glibc's heap statistics; it skips with the reason under another C library.</summary>
    private sealed class GlibcFactAttribute : FactAttribute
    {
        public GlibcFactAttribute()
        {
            if (NativeHeap.LiveBytes() is null)
            {
                Skip = "needs glibc's mallinfo2, which this platform's C library does not have";
            }
        }
    }
}
