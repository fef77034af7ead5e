using SelfInstruct.Model;
using SelfInstruct.Model.Checkpoints;
using SelfInstruct.Model.Generation;
using static TorchSharp.torch;

namespace SelfInstruct.Evaluate.Models;

/// <summary>
/// A checkpoint folder run in-process: prompts are sorted by token count (less padding) and generated greedily in
/// batches; a prompt longer than the context minus max new tokens keeps its last tokens (the instance input and
/// <c>Output:</c>) and is marked truncated. With <c>chat</c>, each prompt is the user's message and goes through the
/// checkpoint's chat format first; the answer ends where the format's turn ends.
/// </summary>
public sealed class CheckpointAnswerer : IAnswerer
{
    private readonly LocalModel _model;
    private readonly TokenGenerator _generator;
    private readonly GenerationOptions _options;
    private readonly int _batchSize;
    private readonly HashSet<int> _endOfSequence;
    private readonly ChatFormat? _chat;

    public CheckpointAnswerer(string folder, string device, ComputeDtype dtype, int maxNewTokens, int batchSize,
        bool chat)
    {
        _model = LocalModel.Load(folder, Checkpoint.ScalarTypeOf(dtype), new Device(device));
        _generator = new TokenGenerator(_model.Model);
        _options = GenerationOptions.Greedy(maxNewTokens);
        _batchSize = batchSize;
        _chat = chat ? ChatFormat.Of(_model.Tokenizer.ChatTemplate) : null;
        _endOfSequence = _model.Model.Config.EosTokenIds
            .Concat(_model.Tokenizer.EosTokenId is { } eos ? [eos] : [])
            .Concat(SingleTokenStops())
            .ToHashSet();
    }

    public async Task AnswerAsync(
        IReadOnlyList<PendingPrompt> prompts, Func<ModelAnswer, Task> onAnswer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(onAnswer);
        var room = Math.Max(1, _model.Model.Config.MaxPositions - _options.MaxNewTokens);
        var encoded = prompts
            .Select(prompt => (prompt.InstanceId, Tokens: _model.Tokenizer.Encode(Prompt(prompt.Prompt))))
            .OrderBy(item => item.Tokens.Count)
            .ToList();
        foreach (var batch in encoded.Chunk(_batchSize))
        {
            var inputs = batch.Select(item => item.Tokens.Count > room ? item.Tokens.Skip(item.Tokens.Count - room)
                .ToList() : item.Tokens).ToList();
            var results = _generator.Generate(inputs, _options, _endOfSequence, cancellationToken: cancellationToken);
            for (var row = 0; row < batch.Length; row++)
            {
                await onAnswer(new ModelAnswer(
                    batch[row].InstanceId,
                    BeforeTurnStop(_model.Tokenizer.Decode(results[row].TokenIds)).Trim(),
                    results[row].FinishReason == FinishReason.Stop ? "stop" : "length",
                    inputs[row].Count,
                    results[row].TokenIds.Count,
                    inputs[row].Count < batch[row].Tokens.Count));
            }
        }
    }

    public void Dispose() => _model.Dispose();

    private string Prompt(string text) => _chat is null ? text
        : _chat.Render([new ChatTurn(ChatTurn.User, text)], addGenerationPrompt: true);

    // A turn stop that is one token (a template's end-of-turn special token) ends generation right there.
    private IEnumerable<int> SingleTokenStops() => (_chat?.TurnStops ?? [])
        .Select(stop => _model.Tokenizer.Encode(stop))
        .Where(ids => ids.Count == 1)
        .Select(ids => ids[0]);

    private string BeforeTurnStop(string text)
    {
        foreach (var stop in _chat?.TurnStops ?? [])
        {
            var at = text.IndexOf(stop, StringComparison.Ordinal);
            text = at >= 0 ? text[..at] : text;
        }
        return text;
    }
}
