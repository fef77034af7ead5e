namespace SelfInstruct.Generate.Configuration;

/// <summary>How generate asks for new tasks.</summary>
public enum GenerationStyle
{
    /// <summary>The paper's four steps: instructions from a list, classification, instances, filters.</summary>
    [JsonStringEnumMemberName("self-instruct")]
    SelfInstruct,

    /// <summary>
    /// Alpaca's way: one request asks for many whole tasks (instruction, input, output) from a few seed tasks; no
    /// classification step, one instance per task.
    /// </summary>
    [JsonStringEnumMemberName("alpaca")]
    Alpaca,
}
