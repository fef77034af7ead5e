namespace SelfInstruct.Generate.Configuration;

/// <summary>Which language model the pipeline talks to.</summary>
public enum GenerationBackend
{
    /// <summary>An OpenAI or OpenAI-compatible server, through the official SDK.</summary>
    [JsonStringEnumMemberName("openai")]
    OpenAI,

    /// <summary>A checkpoint folder loaded in-process with TorchSharp; the model setting names the folder.</summary>
    Local,
}
