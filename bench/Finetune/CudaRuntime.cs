using System.Runtime.InteropServices;

namespace SelfInstruct.Bench.Finetune;

/// <summary>The one CUDA runtime call the bench needs, from the libcudart that the CUDA build of libtorch ships.</summary>
internal static partial class CudaRuntime
{
    [LibraryImport("libcudart.so.12")]
    internal static partial int cudaMemGetInfo(out nuint free, out nuint total);
}
