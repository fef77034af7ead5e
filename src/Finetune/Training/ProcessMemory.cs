namespace SelfInstruct.Finetune.Training;

/// <summary>
/// The machine's free memory and this process's peak, from Linux's <c>/proc</c>; null elsewhere. libtorch reports
/// neither for CUDA through TorchSharp, so a CUDA run's free memory is unknown.
/// </summary>
internal static class ProcessMemory
{
    /// <summary>MemAvailable: what the machine can give without swapping, in bytes.</summary>
    public static long? Available() => Field("/proc/meminfo", "MemAvailable:");

    /// <summary>VmRSS: this process's resident memory now, in bytes.</summary>
    public static long? Resident() => Field("/proc/self/status", "VmRSS:");

    /// <summary>VmHWM: this process's peak resident memory so far, in bytes.</summary>
    public static long? Peak() => Field("/proc/self/status", "VmHWM:");

    // Lines such as "VmHWM:     123456 kB".
    private static long? Field(string path, string name)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        var line = File.ReadLines(path).FirstOrDefault(text => text.StartsWith(name, StringComparison.Ordinal));
        var parts = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts is { Length: >= 2 } && long.TryParse(parts[1], out var kilobytes) ? kilobytes * 1024 : null;
    }
}
