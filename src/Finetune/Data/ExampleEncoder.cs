using SelfInstruct.Model;
using SelfInstruct.Model.Tokenization;

namespace SelfInstruct.Finetune.Data;

/// <summary>
/// Renders rows through the prompt format and tokenizes prompt and response separately, joining them with the
/// end-of-text token after the response (unless a chat template ends the turn itself); labels follow the masking
/// policy, and long examples the truncation policy.
/// </summary>
public sealed class ExampleEncoder
{
    private readonly PromptFormat _format;
    private readonly ModelTokenizer _tokenizer;
    private readonly long _endOfText;
    private readonly int _maxLength;
    private readonly LossMasking _masking;
    private readonly TruncationPolicy _truncation;

    public ExampleEncoder(
        PromptFormat format,
        ModelTokenizer tokenizer,
        int endOfTextId,
        int maxLength,
        LossMasking masking,
        TruncationPolicy truncation)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 2);
        _format = format;
        _tokenizer = tokenizer;
        _endOfText = endOfTextId;
        _maxLength = maxLength;
        _masking = masking;
        _truncation = truncation;
    }

    /// <summary>
    /// Every row that fits, in order. <paramref name="templateRandom"/> draws a template per row (Self-Instruct's
    /// variety); null uses the inference template throughout.
    /// </summary>
    public (IReadOnlyList<TokenizedExample> Examples, EncodingCounts Counts) EncodeAll(
        IEnumerable<DatasetRow> rows, Random? templateRandom)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return Collect(rows.Select(row =>
            Encode(_format.RenderTraining(row.Instruction, row.Input, row.Output, templateRandom))));
    }

    /// <summary>Every example written already as prompt and response that fits, in order.</summary>
    public (IReadOnlyList<TokenizedExample> Examples, EncodingCounts Counts) EncodeAll(IEnumerable<SftExample> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        return Collect(examples.Select(Encode));
    }

    /// <summary>One example, or null when it is dropped; whether prompt tokens were cut.</summary>
    public (TokenizedExample? Example, bool Truncated) Encode(SftExample example)
    {
        ArgumentNullException.ThrowIfNull(example);
        var prompt = _tokenizer.Encode(example.Prompt);
        var responseIds = _tokenizer.Encode(example.Response).Select(id => (long)id);
        var response = (example.EndOfTextFollows ? responseIds.Append(_endOfText) : responseIds).ToArray();
        var keep = prompt.Count;
        if (prompt.Count + response.Length > _maxLength)
        {
            // The response must keep at least one prompt token before it to be predicted from.
            if (_truncation == TruncationPolicy.Drop || response.Length >= _maxLength)
            {
                return (null, false);
            }
            keep = _maxLength - response.Length;
        }
        var promptIds = prompt.Skip(prompt.Count - keep).Select(id => (long)id).ToArray();
        var inputIds = promptIds.Concat(response).ToArray();
        var labels = _masking == LossMasking.FullSequence
            ? inputIds.ToArray()
            : Enumerable.Repeat(CausalLanguageModel.IgnoreIndex, promptIds.Length).Concat(response).ToArray();
        return (new TokenizedExample(inputIds, labels), keep < prompt.Count);
    }

    private static (IReadOnlyList<TokenizedExample> Examples, EncodingCounts Counts) Collect(
        IEnumerable<(TokenizedExample? Example, bool Truncated)> encoded)
    {
        var examples = new List<TokenizedExample>();
        var (truncated, dropped) = (0, 0);
        foreach (var (example, wasTruncated) in encoded)
        {
            if (example is null)
            {
                dropped++;
                continue;
            }
            truncated += wasTruncated ? 1 : 0;
            examples.Add(example);
        }
        return (examples, new EncodingCounts(examples.Count, truncated, dropped));
    }
}
