using System.Diagnostics;
using SelfInstruct.Evaluate.Configuration;
using SelfInstruct.Evaluate.Runs;
using SelfInstruct.Model;
using SelfInstruct.Model.Tokenization;
using TorchSharp;

// Evaluate benchmark: evaluated instances per second on CPU for the tiny Llama preset (byte tokenizer, 256-token
// context, so SuperNI prompts are truncated from the left) on data/eval, greedy with 16 new tokens, at batch 1 and
// batched. Every run starts from an empty output folder, so nothing comes from the journal; the figure covers
// prompting, generation, scoring and writing results and the report. Best of three runs per batch size.
// Usage: dotnet run -c Release --project bench/Evaluate [-- INSTANCES_PER_TASK [BATCH ...]]

const int Runs = 3;
const int MaxNewTokens = 16;
var instancesPerTask = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 10;
var batches = args.Length > 1
    ? args.Skip(1).Select(arg => int.Parse(arg, System.Globalization.CultureInfo.InvariantCulture)).ToArray()
    : [1, 8, 16];
var root = Path.Combine(Path.GetTempPath(), $"selfinstruct-bench-evaluate-{Guid.NewGuid():N}");
try
{
    var checkpoint = Path.Combine(root, "tiny");
    var tokenizer = ModelTokenizer.CreateByteLevel();
    using (var model = LocalModel.Create(
               ModelPresets.Create(ModelArchitecture.Llama, ModelPreset.Tiny, tokenizer.VocabSize), tokenizer, 1))
    {
        await model.SaveAsync(checkpoint, CancellationToken.None);
    }
    var eval = FindEvalFolder();
    Console.WriteLine($"{Environment.ProcessorCount} cores, {torch.get_num_threads()} torch threads; tiny llama, " +
        $"{instancesPerTask * 12} instances of data/eval, {MaxNewTokens} new tokens, best of {Runs} runs");
    Console.WriteLine();
    Console.WriteLine($"{"batch",5} {"instances/s",12} {"speed-up",9}");
    double? single = null;
    foreach (var batch in batches)
    {
        var config = new EvaluationConfig
        {
            Models = [$"tiny={checkpoint}"],
            SuperNi = eval,
            MaxInstancesPerTask = instancesPerTask,
            MaxNewTokens = MaxNewTokens,
            BatchSize = batch,
        };
        var best = 0.0;
        for (var run = 0; run < Runs; run++)
        {
            var output = Path.Combine(root, $"out-{batch}-{run}");
            var stopwatch = Stopwatch.StartNew();
            var result = await new EvaluationRun().RunAsync(config with { Output = output }, null,
                CancellationToken.None);
            best = Math.Max(best, result.Results.Set.InstanceCount / stopwatch.Elapsed.TotalSeconds);
        }
        single ??= best;
        Console.WriteLine($"{batch,5} {best,12:F1} {best / single.Value,8:F2}x");
    }
}
finally
{
    Directory.Delete(root, recursive: true);
}

static string FindEvalFolder()
{
    for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
    {
        var candidate = Path.Combine(folder.FullName, "data", "eval");
        if (File.Exists(Path.Combine(candidate, "test_tasks.txt")))
        {
            return candidate;
        }
    }
    throw new DirectoryNotFoundException(
        "data/eval not found above the benchmark's folder; run it from the repository");
}
