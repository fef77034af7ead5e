namespace SelfInstruct.Model;

/// <summary>
/// The dtype a checkpoint is loaded and run in, whatever dtype its weights are stored in; float32 by default, the
/// one every CPU runs well. bf16 halves the memory; fp16 is for GPUs.
/// </summary>
public enum ComputeDtype
{
    Fp32,

    Bf16,

    Fp16,
}
