using SelfInstruct.Backends.Routing;
using SelfInstruct.Bench.Generate;
using SelfInstruct.Generate.Configuration;
using SelfInstruct.Generate.Prompts;

// The generate pipeline against zero-latency in-process models. Run from the repository root:
//   dotnet run -c Release --project bench/Generate [-- TARGET [STEP]]   requests/s, CPU per request as the pool grows
//   ... -- --endpoints          4 endpoints behind the router at concurrency 64, to a 10K pool: requests/s vs the goal
//   ... -- --styles [TARGET]    the paper's style against Alpaca's: requests, tokens, dollars and CPU per accepted task
const double GoalRequestsPerSecond = 2_000;
const double PricePromptPerMillion = 0.15; // gpt-4o-mini, USD
const double PriceOutputPerMillion = 0.60;

var mode = args.FirstOrDefault(arg => arg.StartsWith("--", StringComparison.Ordinal));
var numbers = args.Where(arg => !arg.StartsWith("--", StringComparison.Ordinal))
    .Select(arg => int.Parse(arg, CultureInfo.InvariantCulture)).ToList();
var seeds = await SeedTaskJsonl.ReadAsync(Path.Combine("data", "seed_tasks.jsonl"), CancellationToken.None);
var templates = await PromptTemplates.LoadAsync(null, CancellationToken.None);
Console.WriteLine($"{Environment.ProcessorCount} cores");
switch (mode)
{
    case "--endpoints":
        await EndpointsAsync(10_000 - seeds.Count);
        break;
    case "--styles":
        await StylesAsync(numbers.Count > 0 ? numbers[0] : 1_000);
        break;
    default:
        var target = numbers.Count > 0 ? numbers[0] : 10_000;
        await PoolGrowthAsync(target, numbers.Count > 1 ? numbers[1] : Math.Max(1, target / 5));
        break;
}

async Task PoolGrowthAsync(int target, int step)
{
    using var model = new InstantModel();
    Console.WriteLine($"{"pool",8} {"requests",9} {"req/s",8} {"CPU ms/req",11} {"wall ms/req",12}");
    await InFolderAsync(async run =>
    {
        for (var size = step; size <= target; size += step)
        {
            var config = new GenerationConfig { NumInstructions = size, Concurrency = 16 };
            var measured = await run.RunToAsync(model, config);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{measured.Pool,8} {measured.Requests,9} {measured.RequestsPerSecond,8:F0} " +
                $"{measured.Cpu.TotalMilliseconds / measured.Requests,11:F3} " +
                $"{measured.Wall.TotalMilliseconds / measured.Requests,12:F3}"));
        }
    });
}

// Measured over the last fifth of one run (pool from 8K to 10K), with a progress sink attached as the command has.
async Task EndpointsAsync(int target)
{
    using var router = new EndpointRouter(
        Enumerable.Range(0, 4).Select(index => new RoutedEndpoint($"instant-{index}", new InstantModel())).ToList(),
        EndpointCoolDown.Default, TimeProvider.System);
    var window = new WindowProgress(target * 4 / 5);
    await InFolderAsync(run => run.RunToAsync(
        router, new GenerationConfig { NumInstructions = target, Concurrency = 64 }, window));
    var (requests, accepted, wall, cpu) = window.Window();
    var perSecond = requests / wall.TotalSeconds;
    var cpuPerRequest = cpu.TotalMilliseconds / requests;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"4 endpoints, concurrency 64, pool {seeds.Count + window.From:N0} to " +
        $"{seeds.Count + window.From + accepted:N0}: " +
        $"{requests:N0} requests in {wall.TotalSeconds:F2} s = {perSecond:F0} requests/s, {cpuPerRequest:F3} " +
        $"CPU ms per request; goal {GoalRequestsPerSecond:F0}: ratio {perSecond / GoalRequestsPerSecond:F2}"));
    // On a shared machine the wall figure is what was left over; our CPU time per request is what the code costs.
    var perCore = 1000 / cpuPerRequest;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"one core of our CPU time sustains {perCore:F0} requests/s: ratio {perCore / GoalRequestsPerSecond:F2}"));
    Console.WriteLine("requests per endpoint: " +
        string.Join(", ", router.Statistics().Select(endpoint => endpoint.Requests)));
}

async Task StylesAsync(int target)
{
    using var model = new InstantModel();
    Console.WriteLine($"{target} accepted tasks per style; USD at gpt-4o-mini's prices " +
        $"({PricePromptPerMillion}/{PriceOutputPerMillion} per million prompt/output tokens)");
    Console.WriteLine($"{"style",14} {"requests",9} {"req/task",9} {"prompt tok/task",16} {"output tok/task",16} " +
        $"{"USD/1K tasks",13} {"CPU ms/task",12}");
    foreach (var style in new[] { GenerationStyle.SelfInstruct, GenerationStyle.Alpaca })
    {
        await InFolderAsync(async run =>
        {
            var measured = await run.RunToAsync(model,
                new GenerationConfig { NumInstructions = target, Concurrency = 16, Style = style });
            var perTask = (double)measured.Accepted;
            var usd = ((measured.InputTokens * PricePromptPerMillion) +
                (measured.OutputTokens * PriceOutputPerMillion)) / 1_000_000;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{EnumNames.Name(style),14} {measured.Requests,9} {measured.Requests / perTask,9:F3} " +
                $"{measured.InputTokens / perTask,16:F0} {measured.OutputTokens / perTask,16:F0} " +
                $"{usd / perTask * 1000,13:F3} {measured.Cpu.TotalMilliseconds / perTask,12:F3}"));
        });
    }
}

async Task InFolderAsync(Func<BenchRun, Task> body)
{
    var folder = Path.Combine(Path.GetTempPath(), "selfinstruct-bench-" + Guid.NewGuid().ToString("N"));
    try
    {
        await body(new BenchRun(seeds, templates, folder));
    }
    finally
    {
        Directory.Delete(folder, recursive: true);
    }
}
