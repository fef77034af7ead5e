namespace SelfInstruct.Finetune.Configuration;

/// <summary>
/// The dtype forward and backward run in. The optimizer always keeps float32 weights and moments; norms, softmax
/// and the loss always compute in float32.
/// </summary>
public enum TrainingPrecision
{
    Fp32,

    /// <summary>bf16 forward and backward, from float32 master weights cast once per step.</summary>
    Bf16,

    /// <summary>fp16 forward and backward with a dynamic loss scale, whose overflows skip the step.</summary>
    Fp16Mixed,
}
