namespace SelfInstruct.Generate.Prompts;

/// <summary>Which half of an instance the model writes first.</summary>
public enum InstanceOrder
{
    /// <summary>Input, then output: for tasks that are not classification.</summary>
    InputFirst,

    /// <summary>Class label, then an input for it: for classification tasks, so labels stay balanced.</summary>
    OutputFirst,
}
