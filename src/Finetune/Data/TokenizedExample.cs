namespace SelfInstruct.Finetune.Data;

/// <summary>
/// One training row: prompt and response token ids joined, and labels equal to the ids where the loss counts and
/// <see cref="Model.CausalLanguageModel.IgnoreIndex"/> where it does not.
/// </summary>
public sealed record TokenizedExample(long[] InputIds, long[] Labels)
{
    public int Length => InputIds.Length;
}
