using System.Diagnostics;
using SelfInstruct.Bench.View;
using SelfInstruct.Cli.View;

// selfinstruct view over a synthetic 52K-task generate folder (dataset.parquet and a journal with ten similar pool
// instructions per task, as generate writes them): time to load the folder, to the first table page and to searches,
// against the goal of 300 ms each on 2 cores.
// Usage: dotnet run -c Release --project bench/View [-- TASKS [FOLDER]]; FOLDER keeps the run for `selfinstruct view`.
const double GoalMilliseconds = 300;
const int Repeats = 15;

var taskCount = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 52_445;
var folder = args.Length > 1 ? Path.GetFullPath(args[1])
    : Path.Combine(Path.GetTempPath(), "selfinstruct-bench-view-" + Guid.NewGuid().ToString("N"));
try
{
    var clock = Stopwatch.StartNew();
    var rows = await SyntheticRun.WriteAsync(folder, taskCount);
    var journalBytes = new FileInfo(Path.Combine(folder, "journal.jsonl")).Length;
    Console.WriteLine($"{Environment.ProcessorCount} cores; wrote {taskCount:N0} tasks ({rows:N0} rows) and a journal " +
        $"of {journalBytes / 1048576.0:N0} MiB in {clock.Elapsed.TotalSeconds:F1} s to {folder}");

    clock.Restart();
    var run = await RunContents.LoadAsync(folder, CancellationToken.None);
    Console.WriteLine($"load the folder (dataset, journal, curation log): {clock.Elapsed.TotalMilliseconds:F0} ms");
    clock.Restart();
    await ParquetDatasetStore.ReadAsync(Path.Combine(folder, "dataset.parquet"), CancellationToken.None);
    var parquet = clock.Elapsed.TotalMilliseconds;
    clock.Restart();
    JournalDigest.Read(folder);
    Console.WriteLine($"  of which, warm: read dataset.parquet {parquet:F0} ms, the journal " +
        $"{clock.Elapsed.TotalMilliseconds:F0} ms");
    await using var server = new ViewServer(run, new ViewOptions(Port: 0), "bench", TimeProvider.System);
    await server.StartAsync(CancellationToken.None);
    using var http = new HttpClient { BaseAddress = server.BaseAddress };

    await Measure(http, "first page, cold (first request after start)", "/api/tasks?page=1&size=50", once: true);
    await Measure(http, "first page", "/api/tasks?page=1&size=50");
    await Measure(http, "page 500 sorted by max ROUGE-L", "/api/tasks?page=500&size=50&sort=-similarity");
    await Measure(http, "search a rare word (few matches)", "/api/tasks?q=zyzzyva");
    await Measure(http, "search a common word, sorted by instruction", "/api/tasks?q=the&sort=instruction");
    await Measure(http, "search + classification filter", "/api/tasks?q=list&classification=yes");
    await Measure(http, "a task page", "/api/tasks/machine_task_31000");
}
finally
{
    if (args.Length < 2)
    {
        Directory.Delete(folder, recursive: true);
    }
}

static async Task Measure(HttpClient http, string name, string path, bool once = false)
{
    var times = new List<double>();
    var bytes = 0;
    foreach (var _ in Enumerable.Range(0, once ? 1 : Repeats))
    {
        var clock = Stopwatch.StartNew();
        var body = await http.GetByteArrayAsync(path);
        times.Add(clock.Elapsed.TotalMilliseconds);
        bytes = body.Length;
    }
    times.Sort();
    var median = times[times.Count / 2];
    Console.WriteLine($"{name}: median {median:F1} ms, worst {times[^1]:F1} ms over {times.Count} " +
        $"({bytes / 1024.0:F0} KiB; {GoalMilliseconds / median:F0}x under the {GoalMilliseconds} ms goal)");
}
