namespace SelfInstruct.Finetune.Configuration;

/// <summary>The dtype of the tuned checkpoint's weights.</summary>
public enum SaveDtype
{
    /// <summary>The dtype the base checkpoint came in (its config.json's <c>torch_dtype</c>).</summary>
    Same,

    Fp32,

    Bf16,

    Fp16,
}
