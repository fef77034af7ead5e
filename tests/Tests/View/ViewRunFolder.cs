using SelfInstruct.Evaluate.Runs;
using SelfInstruct.Generate.Pipeline;
using SelfInstruct.Tests.Support;

namespace SelfInstruct.Tests.View;

/// <summary>
/// A small pipeline run folder as the stages write it: generate/ with dataset.parquet (three tasks, one of them
/// holding markup), a journal with one batch, a plot, and evaluate/ with predictions of a base and a tuned model.
/// </summary>
internal sealed class ViewRunFolder : IDisposable
{
    public const string Markup = "<script>alert(1)</script><img src=x onerror=alert(2)>";

    private readonly TemporaryFolder _folder = new();

    private ViewRunFolder()
    {
    }

    public string Root => _folder.Path;

    public string Generate => Path.Combine(Root, "generate");

    public string CurationLogPath => Path.Combine(Generate, "curation.jsonl");

    public static async Task<ViewRunFolder> CreateAsync()
    {
        var run = new ViewRunFolder();
        Directory.CreateDirectory(run.Generate);
        var evaluate = Directory.CreateDirectory(Path.Combine(run.Root, "evaluate")).FullName;
        await ParquetDatasetStore.WriteAsync(Path.Combine(run.Generate, "dataset.parquet"), Rows(),
            new Dictionary<string, string>(), CancellationToken.None);
        await WriteJournalAsync(run.Generate);
        await File.WriteAllBytesAsync(Path.Combine(run.Generate, "instruction-lengths.png"), [0x89, 0x50, 0x4e, 0x47]);
        await File.WriteAllTextAsync(Path.Combine(run.Root, "secret.txt"), "outside the plots");
        await ParquetDatasetStore.WriteRowsAsync(Path.Combine(evaluate, ResultsFiles.PredictionsFileName),
            Predictions(), PredictionRow.SchemaVersion, new Dictionary<string, string>(), CancellationToken.None);
        return run;
    }

    public void Dispose() => _folder.Dispose();

    private static List<DatasetRow> Rows() =>
    [
        Row("machine_task_0", "Translate the sentence into French.", "Good morning.", "Bonjour.", 0.41),
        Row("machine_task_0", "Translate the sentence into French.", "Thank you.", "Merci.", 0.41),
        Row("machine_task_1", "Is the review positive or negative?", "Great film!", "Positive", 0.35) with
        {
            IsClassification = true,
        },
        Row("machine_task_2", $"Explain {Markup} to a child.", "", "It is markup.", 0.52),
    ];

    private static DatasetRow Row(string task, string instruction, string input, string output, double similarity) =>
        new()
        {
            TaskId = task,
            Instruction = instruction,
            Input = input,
            Output = output,
            Origin = TaskOrigin.Machine,
            MaxSimilarity = similarity,
        };

    private static async Task WriteJournalAsync(string folder)
    {
        var (journal, _) = await GenerationJournal.OpenAsync(folder, CancellationToken.None);
        await using (journal)
        {
            var task = new GeneratedTask("machine_task_0", "Translate the sentence into French.", false, [], 0.41,
                [new SimilarityMatch(3, "Translate the word into German.", 0.41), new(7, "Say it in French.", 0.3)],
                0.1, 0.41, Requests: ["instruction-key", "instance-key", "unknown-key"]);
            await journal.AppendAsync(new ModelReply("k", "raw reply", false, 10, 5), CancellationToken.None);
            // Characters of two and three bytes before the task's replies: they are found by byte offset.
            await journal.AppendAsync(new ModelReply("instruction-key", "1. Traduis « ceci » — é\n2. Translate the sentence into French.",
                false, 10, 5, GenerationStep.Instructions, "Come up with tasks:\n1. Décris…"), CancellationToken.None);
            await journal.AppendAsync(new ModelReply("instance-key", "Input: Thank you.\nOutput: Merci.", true, 10, 5,
                GenerationStep.Instances, "Task: Translate the sentence into French."), CancellationToken.None);
            await journal.AppendAsync(new BatchRecord(0, [task],
                new Dictionary<string, long> { ["instructions.too_similar"] = 5, ["instances.empty"] = 2 },
                new Dictionary<GenerationStep, StepUsage>(), RejectedSamples: new Dictionary<string, IReadOnlyList<string>>
                {
                    ["instructions.too_similar"] = ["Translate the sentence into Spanish.", "<b>Say it in French.</b>"],
                }), CancellationToken.None);
        }
    }

    private static List<PredictionRow> Predictions() =>
    [
        Prediction("base", "task_a", "Paris is big.", 0.2),
        Prediction("base", "task_b", "Four", 1.0),
        Prediction("tuned", "task_a", "Paris", 1.0),
        Prediction("tuned", "task_b", "Five", 0.0),
    ];

    private static PredictionRow Prediction(string model, string task, string prediction, double rougeL) => new()
    {
        Model = model,
        TaskId = task,
        InstanceId = task + "-0",
        Category = "qa",
        Prompt = $"Question for {task}",
        Prediction = prediction,
        References = task == "task_a" ? "[\"Paris\"]" : "[\"Four\"]",
        RougeL = rougeL,
        ExactMatch = rougeL == 1.0 ? 1 : 0,
    };
}
