using System.Runtime.InteropServices;

namespace SelfInstruct.Finetune.Training;

/// <summary>
/// Keeps the memory libtorch frees in glibc's heap for the next training step. By default glibc maps every block above
/// its threshold (at most 32 MiB) afresh and returns it on free, and gives back a heap's free top once it passes a
/// trim threshold, so each step's large activations and gradients come from new pages that the kernel must fault in
/// and zero: on the 2-core bench machine that was a tenth of the step's time, and as much again at a 32k vocabulary.
/// A training process holds its peak working set anyway, as PyTorch's CUDA caching allocator does on a GPU.
/// </summary>
internal static partial class NativeHeap
{
    private const int TrimThresholdParameter = -1;
    private const int MmapMaxParameter = -4;

    /// <summary>
    /// Serves every allocation from the heap and never trims it, process-wide. Returns false where the C library is
    /// not glibc (no <c>mallopt</c>, or one that refuses the settings).
    /// </summary>
    public static bool KeepFreedMemory()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }
        try
        {
            // mallopt answers 1 when it accepts a setting.
            return Mallopt(MmapMaxParameter, 0) == 1 && Mallopt(TrimThresholdParameter, int.MaxValue) == 1;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
    }

    /// <summary>
    /// Bytes the C heap has handed out and not had back (glibc's <c>mallinfo2</c>: in-use heap plus mapped blocks),
    /// which tells a leak from free memory the heap keeps; null where the C library is not glibc.
    /// </summary>
    public static long? LiveBytes()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }
        try
        {
            var info = Mallinfo2();
            return (long)(info.InUse + info.Mapped);
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }
        catch (DllNotFoundException)
        {
            return null;
        }
    }

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int Mallopt(int parameter, int value);

    [LibraryImport("libc", EntryPoint = "mallinfo2")]
    private static partial MallocInfo Mallinfo2();

    // glibc's struct mallinfo2: ten size_t fields, of which we read two.
    [StructLayout(LayoutKind.Sequential)]
    private readonly struct MallocInfo
    {
        private readonly nuint _arena;
        private readonly nuint _ordblks;
        private readonly nuint _smblks;
        private readonly nuint _hblks;
        private readonly nuint _hblkhd;
        private readonly nuint _usmblks;
        private readonly nuint _fsmblks;
        private readonly nuint _uordblks;
        private readonly nuint _fordblks;
        private readonly nuint _keepcost;

        public nuint Mapped => _hblkhd;

        public nuint InUse => _uordblks;
    }
}
