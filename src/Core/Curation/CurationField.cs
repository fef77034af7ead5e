namespace SelfInstruct.Core.Curation;

/// <summary>The text a curation edit replaces: the task's instruction, or one instance's input or output.</summary>
public enum CurationField
{
    Instruction,
    Input,
    Output,
}
