using System.Diagnostics;
using SelfInstruct.Model;
using static TorchSharp.torch;

namespace SelfInstruct.Bench.Model;

/// <summary>Greedy prefill and decode throughput of one model, with and without the KV cache.</summary>
internal static class Throughput
{
    // Tokens per second: prefill of the whole context, decode with the cache, decode recomputing the whole sequence.
    public static (double Prefill, double Cached, double Recomputed) Measure(
        CausalLanguageModel model, int batch, int context, int newTokens, int recomputedTokens)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var device = model.parameters().First().device;
        var prompt = randint(0, model.Config.VocabSize, [batch, context], device: device);

        var stopwatch = Stopwatch.StartNew();
        using (var cache = new KvCache(model.Config.LayerCount))
        {
            var next = Next(model.Logits(prompt, cache: cache));
            var prefillSeconds = stopwatch.Elapsed.TotalSeconds;
            stopwatch.Restart();
            for (var i = 0; i < newTokens; i++)
            {
                using var step = NewDisposeScope();
                next = Next(model.Logits(next, cache: cache)).MoveToOuterDisposeScope();
            }
            var cachedSeconds = stopwatch.Elapsed.TotalSeconds;

            var ids = prompt;
            stopwatch.Restart();
            for (var i = 0; i < recomputedTokens; i++)
            {
                using var step = NewDisposeScope();
                ids = cat([ids, Next(model.Logits(ids))], 1).MoveToOuterDisposeScope();
            }
            var recomputedSeconds = stopwatch.Elapsed.TotalSeconds;
            return (batch * context / prefillSeconds, batch * newTokens / cachedSeconds,
                batch * recomputedTokens / recomputedSeconds);
        }
    }

    // batch, 1: the greedy next token, read back so the timing includes the device's work.
    private static Tensor Next(Tensor logits)
    {
        var next = logits.select(1, -1).argmax(-1).unsqueeze(1);
        _ = next.cpu().data<long>().ToArray();
        return next;
    }
}
