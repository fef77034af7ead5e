using SelfInstruct.Model;
using SelfInstruct.Model.Checkpoints;
using SelfInstruct.Model.Generation;
using static TorchSharp.torch;

namespace SelfInstruct.Evaluate.Models;

/// <summary>
/// A checkpoint folder run in-process: prompts are sorted by token count (less padding) and generated greedily in
/// batches; a prompt longer than the context minus max new tokens keeps its last tokens (the instance input and
/// <c>Output:</c>) and is marked truncated.
/// </summary>
public sealed class CheckpointAnswerer : IAnswerer
{
    private readonly LocalModel _model;
    private readonly TokenGenerator _generator;
    private readonly GenerationOptions _options;
    private readonly int _batchSize;
    private readonly HashSet<int> _endOfSequence;

    public CheckpointAnswerer(string folder, string device, ComputeDtype dtype, int maxNewTokens, int batchSize)
    {
        _model = LocalModel.Load(folder, Checkpoint.ScalarTypeOf(dtype), new Device(device));
        _generator = new TokenGenerator(_model.Model);
        _options = GenerationOptions.Greedy(maxNewTokens);
        _batchSize = batchSize;
        _endOfSequence = _model.Model.Config.EosTokenIds
            .Concat(_model.Tokenizer.EosTokenId is { } eos ? [eos] : [])
            .ToHashSet();
    }

    public async Task AnswerAsync(
        IReadOnlyList<PendingPrompt> prompts, Func<ModelAnswer, Task> onAnswer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(onAnswer);
        var room = Math.Max(1, _model.Model.Config.MaxPositions - _options.MaxNewTokens);
        var encoded = prompts
            .Select(prompt => (prompt.InstanceId, Tokens: _model.Tokenizer.Encode(prompt.Prompt)))
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
                    _model.Tokenizer.Decode(results[row].TokenIds).Trim(),
                    results[row].FinishReason == FinishReason.Stop ? "stop" : "length",
                    inputs[row].Count,
                    results[row].TokenIds.Count,
                    inputs[row].Count < batch[row].Tokens.Count));
            }
        }
    }

    public void Dispose() => _model.Dispose();
}
