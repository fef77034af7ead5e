using System.Runtime.InteropServices;

namespace SelfInstruct.Bench.Finetune;

/// <summary>The one CUDA runtime call the bench needs, from the CUDA runtime next to libtorch's CUDA build.</summary>
internal static partial class CudaRuntime
{
    [LibraryImport("libcudart.so.12")]
    internal static partial int cudaMemGetInfo(out nuint free, out nuint total);
}
