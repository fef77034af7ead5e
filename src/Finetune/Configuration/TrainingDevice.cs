namespace SelfInstruct.Finetune.Configuration;

/// <summary>Where training runs.</summary>
public enum TrainingDevice
{
    /// <summary>CUDA when libtorch sees a GPU, the CPU otherwise.</summary>
    Auto,

    Cpu,

    Cuda,
}
