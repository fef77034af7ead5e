using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Core.Rouge;

/// <summary>Every pair in ../shared/data/rouge/pairs_rougeL.jsonl, from rouge_score, reproduced bit for bit.</summary>
public sealed class RougeLGoldenTests
{
    [SharedDataFact]
    public void Tokenizes_every_golden_pair_as_rouge_score_does()
    {
        var pairs = ReadPairs();

        var mismatches = pairs
            .SelectMany(pair => new[]
            {
                Compare(pair, "tokens", "prediction", stem: false),
                Compare(pair, "tokens", "reference", stem: false),
                Compare(pair, "tokens_stem", "prediction", stem: true),
                Compare(pair, "tokens_stem", "reference", stem: true),
            })
            .OfType<string>()
            .ToList();

        Assert.Equal(2130, pairs.Count);
        Assert.Empty(mismatches);
    }

    [SharedDataFact]
    public void Scores_every_golden_pair_bit_for_bit_with_and_without_stemming()
    {
        var pairs = ReadPairs();

        var mismatches = new List<string>();
        foreach (var pair in pairs)
        {
            var prediction = pair.GetProperty("prediction").GetString()!;
            var reference = pair.GetProperty("reference").GetString()!;
            foreach (var (field, stem) in new[] { ("rougeL", false), ("rougeL_stem", true) })
            {
                var expected = pair.GetProperty(field);
                var actual = RougeL.Score(reference, prediction, stem);
                if (BitConverter.DoubleToInt64Bits(actual.Precision) != Bits(expected, "precision") ||
                    BitConverter.DoubleToInt64Bits(actual.Recall) != Bits(expected, "recall") ||
                    BitConverter.DoubleToInt64Bits(actual.FMeasure) != Bits(expected, "fmeasure"))
                {
                    mismatches.Add($"{pair.GetProperty("id").GetString()} {field}: {actual} vs {expected}");
                }
            }
        }

        Assert.Empty(mismatches);
    }

    [SharedDataFact]
    public void Decides_self_instruct_rejection_as_the_reference_does()
    {
        var pairs = ReadPairs();

        var decisions = pairs.Select(pair => RougeL.Score(
            pair.GetProperty("reference").GetString()!,
            pair.GetProperty("prediction").GetString()!,
            stem: false).FMeasure > 0.7).ToList();

        Assert.Equal(pairs.Select(pair => pair.GetProperty("selfinstruct_reject").GetBoolean()), decisions);
        Assert.Equal(841, decisions.Count(reject => reject));
    }

    internal static List<JsonElement> ReadPairs() =>
        File.ReadLines(SharedData.PathTo("data/rouge/pairs_rougeL.jsonl"))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .ToList();

    private static string? Compare(JsonElement pair, string field, string side, bool stem)
    {
        var expected = pair.GetProperty(field).GetProperty(side).EnumerateArray().Select(token => token.GetString()!);
        var actual = RougeTokenizer.Tokenize(pair.GetProperty(side).GetString()!, stem);
        return expected.SequenceEqual(actual)
            ? null
            : $"{pair.GetProperty("id").GetString()} {field}.{side}: [{string.Join(' ', actual)}]";
    }

    private static long Bits(JsonElement score, string name) =>
        BitConverter.DoubleToInt64Bits(score.GetProperty(name).GetDouble());
}
