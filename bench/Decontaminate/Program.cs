using System.Diagnostics;
using SelfInstruct.Bench.Decontaminate;
using SelfInstruct.Evaluate.Decontamination;

// Decontamination benchmark: a synthetic 52,445-task dataset (Alpaca's size) checked against the 119 SuperNI test
// tasks (11,810 instances, see SyntheticSets) and the 252 user-oriented tasks, end to end: read the dataset (Parquet)
// and both sets, check, write decontamination.md/.json and the dataset without the flagged tasks. The goal is under
// 60 s on 2 cores. Best of three runs.
// Usage: dotnet run -c Release --project bench/Decontaminate [-- CORES [TASKS]]

const int Runs = 3;
const int Planted = 100;
var cores = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2;
var taskCount = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 52_445;
var repository = FindRepositoryRoot();
var shared = Path.GetFullPath(Path.Combine(repository, "..", "shared"));
var root = Path.Combine(Path.GetTempPath(), $"selfinstruct-bench-decontaminate-{Guid.NewGuid():N}");
try
{
    var superNi = Path.Combine(root, "superni");
    SyntheticSets.WriteSuperNi(shared, superNi, seed: 1);
    var userOriented = Path.Combine(shared, "data", "self-instruct", "user_oriented_instructions.jsonl");
    var against = new[] { superNi, userOriented };
    var sets = await AgainstSets.LoadAllAsync(against, CancellationToken.None);
    var seeds = (await SeedTaskJsonl.ReadAsync(Path.Combine(repository, "data", "seed_tasks.jsonl"),
        CancellationToken.None)).Select(task => task.Instruction).ToList();
    var dataset = Path.Combine(root, "dataset.parquet");
    var rows = SyntheticSets.Dataset(seeds, sets.Select(named => named.Set).ToList(), taskCount, Planted, seed: 2);
    await ParquetDatasetStore.WriteAsync(dataset, rows, new Dictionary<string, string>(), CancellationToken.None);
    Console.WriteLine($"{Environment.ProcessorCount} cores here, {cores} used; {taskCount + (2 * Planted):N0} tasks " +
        $"({rows.Count:N0} rows, {Planted} + {Planted} planted) against " +
        string.Join(" and ", sets.Select(named => $"{named.Set.Tasks.Count} tasks ({named.Set.InstanceCount:N0} " +
            $"instances) of {Path.GetFileName(named.Name)}")));
    Console.WriteLine();
    Console.WriteLine($"{"run",3} {"read",7} {"check",7} {"write",7} {"total",7} {"tasks/s",9} {"flagged",8}");
    var best = double.MaxValue;
    for (var run = 1; run <= Runs; run++)
    {
        var total = Stopwatch.StartNew();
        var data = await DatasetFiles.ReadAsync(dataset, null, CancellationToken.None);
        var loaded = await AgainstSets.LoadAllAsync(against, CancellationToken.None);
        var read = total.Elapsed.TotalSeconds;
        var report = Decontaminator.Check(dataset, data.Rows, loaded, new DecontaminationSettings(), cores);
        var check = total.Elapsed.TotalSeconds - read;
        await DecontaminationFiles.WriteWithoutAsync(Path.Combine(root, "clean.parquet"), data,
            report.FlaggedTaskIds(), CancellationToken.None);
        await DecontaminationFiles.WriteAsync(root, report, CancellationToken.None);
        var seconds = total.Elapsed.TotalSeconds;
        best = Math.Min(best, seconds);
        Console.WriteLine($"{run,3} {read,6:F1}s {check,6:F1}s {seconds - read - check,6:F1}s {seconds,6:F1}s " +
            $"{report.Tasks / seconds,9:N0} {report.FlaggedTasks,8:N0}");
        var missed = report.Flagged.Select(pair => pair.TaskId).Distinct()
            .Count(task => task.StartsWith("planted_", StringComparison.Ordinal));
        if (missed != 2 * Planted)
        {
            Console.WriteLine($"    only {missed} of the {2 * Planted} planted tasks were flagged");
        }
    }
    Console.WriteLine();
    Console.WriteLine($"best {best:F1} s (goal: under 60 s on 2 cores)");
}
finally
{
    Directory.Delete(root, recursive: true);
}

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
