namespace SelfInstruct.Model;

/// <summary>Sizes for a model made from scratch.</summary>
public enum ModelPreset
{
    /// <summary>Two layers of width 64: for tests and smoke runs, about 0.1M parameters plus embeddings.</summary>
    Tiny,

    /// <summary>Four layers of width 128: about 0.8M parameters plus embeddings, for CPU demos in minutes.</summary>
    Mini,

    /// <summary>
    /// Eight layers of width 512: about 25M parameters plus embeddings, trainable on one GPU in minutes.
    /// </summary>
    Small,
}
