using TorchSharp;

namespace SelfInstruct.Model.Checkpoints;

/// <summary>One tensor's header entry in a safetensors file; offsets are absolute positions in the file.</summary>
public sealed record SafetensorsEntry(string Name, torch.ScalarType Dtype, long[] Shape, long Begin, long End);
