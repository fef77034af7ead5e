using System.Diagnostics;
using SelfInstruct.Bench.Rouge;

// ROUGE-L benchmark: pairs per second on instruction-length texts, and the whole Self-Instruct bootstrap filter
// (each instruction scored against all earlier ones, with top-10 and mean) at 10,000 and 52,445 instructions.
// Usage: dotnet run -c Release --project bench/Rouge [-- [--seeds FILE] [--text-mode english|unicode] SIZE ...]
// The rouge_score figures are for English mode; with --text-mode unicode, compare with an English run at the same
// average token count.

// Measured on this machine, one core, seed-instruction pairs, with Google's rouge_score (see README).
const double ReferenceScorePairsPerSecond = 25_000; // RougeScorer.score, the original Self-Instruct code's way
const double ReferencePreTokenizedPairsPerSecond = 46_000; // _score_lcs on pre-tokenized lists, Alpaca's way

var seedPath = Flag("--seeds") ?? Path.Combine(FindRepositoryRoot(), "data", "seed_tasks.jsonl");
var mode = Flag("--text-mode") is "unicode" ? TextMode.Unicode : TextMode.English;
var sizeArgs = args.Where((arg, index) => !arg.StartsWith("--", StringComparison.Ordinal) &&
    (index == 0 || !args[index - 1].StartsWith("--", StringComparison.Ordinal))).ToArray();
int[] sizes = sizeArgs.Length > 0 ? sizeArgs.Select(int.Parse).ToArray() : [10_000, 52_445];
var seeds = (await SeedTaskJsonl.ReadAsync(seedPath, CancellationToken.None)).Select(task => task.Instruction).ToList();
var instructions = SyntheticInstructions.Create(seeds, sizes.Max(), seed: 1);
Console.WriteLine($"{Environment.ProcessorCount} cores; {seeds.Count} seeds; text mode {mode}; synthetic " +
    $"instructions average {instructions.Average(text => RougeL.Tokenize(text, false, mode).Count):F1} tokens");
Console.WriteLine();

var pairs = instructions.Take(2000).Zip(instructions.Skip(2000).Take(2000)).ToList();
Report("RougeL.Score(text, text), 1 core", MeasurePairs(pairs, (target, prediction) =>
    RougeL.Score(target, prediction, stem: false, mode).FMeasure), ReferenceScorePairsPerSecond, "RougeScorer.score");

var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
var tokenized = pairs.Select(pair => (Ids(pair.First, vocabulary, mode), Ids(pair.Second, vocabulary, mode)))
    .ToList();
Report("pre-tokenized pair LCS + F, 1 core", MeasurePreTokenized(tokenized), ReferencePreTokenizedPairsPerSecond,
    "_score_lcs");

Report("SimilarityPool.Score, 1 core, 20,000 members", MeasurePoolScan(instructions, mode),
    ReferencePreTokenizedPairsPerSecond, "_score_lcs");
Console.WriteLine();

foreach (var size in sizes)
{
    var (seconds, pairCount) = RunBootstrap(instructions.Take(size).ToList(), mode);
    var perCore = pairCount / seconds / Environment.ProcessorCount;
    Console.WriteLine($"bootstrap N = {size:N0}: {pairCount:N0} pairs with top-10 and mean in {seconds:F2} s " +
        $"({pairCount / seconds:N0} pairs/s on {Environment.ProcessorCount} cores, {perCore:N0} per core = " +
        $"{perCore / ReferencePreTokenizedPairsPerSecond:N0}x _score_lcs)");
    Console.WriteLine($"  reference, one core: {Hours(pairCount / ReferenceScorePairsPerSecond)} with " +
        $"RougeScorer.score ({pairCount / ReferenceScorePairsPerSecond / seconds:N0}x), " +
        $"{Hours(pairCount / ReferencePreTokenizedPairsPerSecond)} pre-tokenized " +
        $"({pairCount / ReferencePreTokenizedPairsPerSecond / seconds:N0}x)");
}

static double MeasurePairs(List<(string First, string Second)> pairs, Func<string, string, double> score)
{
    var checksum = 0.0;
    var count = 0L;
    var stopwatch = Stopwatch.StartNew();
    while (stopwatch.Elapsed < TimeSpan.FromSeconds(2))
    {
        foreach (var (first, second) in pairs)
        {
            checksum += score(first, second);
        }
        count += pairs.Count;
    }
    GC.KeepAlive(checksum);
    return count / stopwatch.Elapsed.TotalSeconds;
}

static double MeasurePreTokenized(List<(int[] First, int[] Second)> pairs)
{
    var checksum = 0.0;
    var count = 0L;
    var stopwatch = Stopwatch.StartNew();
    while (stopwatch.Elapsed < TimeSpan.FromSeconds(2))
    {
        foreach (var (first, second) in pairs)
        {
            var lcs = BitParallelLcs.Length(first, second);
            checksum += RougeLScore.FromCounts(lcs, second.Length, first.Length).FMeasure;
        }
        count += pairs.Count;
    }
    GC.KeepAlive(checksum);
    return count / stopwatch.Elapsed.TotalSeconds;
}

string? Flag(string name) => Array.IndexOf(args, name) is var at and >= 0 ? args[at + 1] : null;

static double MeasurePoolScan(List<string> instructions, TextMode mode)
{
    const int PoolSize = 20_000;
    var pool = new SimilarityPool(maxDegreeOfParallelism: 1, mode);
    pool.AddRange(instructions.Take(PoolSize));
    var count = 0L;
    var stopwatch = Stopwatch.StartNew();
    for (var index = PoolSize; stopwatch.Elapsed < TimeSpan.FromSeconds(2); index++)
    {
        pool.Score(instructions[index % instructions.Count]);
        count += PoolSize;
    }
    return count / stopwatch.Elapsed.TotalSeconds;
}

static (double Seconds, long Pairs) RunBootstrap(List<string> instructions, TextMode mode)
{
    var pool = new SimilarityPool(mode: mode);
    var pairs = 0L;
    var stopwatch = Stopwatch.StartNew();
    foreach (var instruction in instructions)
    {
        pool.Score(instruction);
        pairs += pool.Count;
        pool.Add(instruction);
    }
    return (stopwatch.Elapsed.TotalSeconds, pairs);
}

static void Report(string what, double pairsPerSecond, double reference, string referenceName) =>
    Console.WriteLine(
        $"{what,-44} {pairsPerSecond,14:N0} pairs/s   {pairsPerSecond / reference,8:N0}x {referenceName}");

static int[] Ids(string text, Dictionary<string, int> vocabulary, TextMode mode) => RougeL.Tokenize(text, false, mode)
    .Select(token => vocabulary.TryGetValue(token, out var id) ? id : vocabulary[token] = vocabulary.Count)
    .ToArray();

static string Hours(double seconds) => (seconds / 3600).ToString("F1", CultureInfo.InvariantCulture) + " h";

static string FindRepositoryRoot()
{
    for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
    {
        if (File.Exists(Path.Combine(folder.FullName, "SelfInstruct.sln")))
        {
            return folder.FullName;
        }
    }
    throw new InvalidOperationException("run the benchmark from inside the repository");
}
