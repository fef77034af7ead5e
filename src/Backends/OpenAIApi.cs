namespace SelfInstruct.Backends;

/// <summary>Which OpenAI endpoint a backend calls.</summary>
public enum OpenAIApi
{
    /// <summary><c>/v1/chat/completions</c>: instruction-tuned chat models.</summary>
    Chat,

    /// <summary><c>/v1/completions</c>: plain text continuation, what base models need.</summary>
    Completions,
}
