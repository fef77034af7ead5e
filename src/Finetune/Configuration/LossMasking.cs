namespace SelfInstruct.Finetune.Configuration;

/// <summary>Which tokens of a training example count in the loss.</summary>
public enum LossMasking
{
    /// <summary>Only the response and its end-of-text token; the prompt is masked, as the paper trained.</summary>
    OutputOnly,

    /// <summary>Every token of prompt and response.</summary>
    FullSequence,
}
