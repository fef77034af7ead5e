using SelfInstruct.Finetune.Data;

namespace SelfInstruct.Tests.Finetune.Training;

/// <summary>
/// Rows whose next token is the previous one plus 1, 2, 3 or 4 (mod the vocabulary), every token labelled: a model
/// can learn the rule but not the draw, so the loss falls from ln(vocab) towards ln 4 and levels off there.
/// </summary>
internal static class SyntheticData
{
    public static EncodedData Create(int vocab, int length, int trainRows, int validationRows, int seed = 3)
    {
        var random = new Random(seed);
        List<TokenizedExample> Rows(int count) => Enumerable.Range(0, count).Select(_ =>
        {
            var ids = new long[length];
            ids[0] = random.Next(vocab);
            for (var index = 1; index < length; index++)
            {
                ids[index] = (ids[index - 1] + 1 + random.Next(4)) % vocab;
            }
            return new TokenizedExample(ids, ids.ToArray());
        }).ToList();
        return new EncodedData(Rows(trainRows), Rows(validationRows), new EncodingCounts(trainRows, 0, 0), 0);
    }
}
