namespace SelfInstruct.Generate.Reports;

/// <summary>
/// The dataset card written beside <c>dataset.parquet</c>: Hugging Face's <c>README.md</c> layout, a YAML header
/// (<c>configs</c> with <c>data_files</c>, <c>dataset_info</c> features from the Parquet columns, the size category;
/// the licence is left to the user) and then how the data was made, its counts and its rejections. The folder can be
/// pushed to the Hub or read with <c>datasets.load_dataset</c> as it is.
/// </summary>
public static class DatasetCard
{
    /// <summary>The card's file name, the one the Hub reads.</summary>
    public const string FileName = "README.md";

    /// <summary>Writes the card for the dataset in <paramref name="outputDirectory"/>; returns its path.</summary>
    public static async Task<string> WriteAsync(string outputDirectory, GenerationConfig config,
        GenerationStatistics statistics, CancellationToken cancellationToken)
    {
        var dataset = await ParquetDatasetStore.ReadAsync(
            Path.Combine(outputDirectory, GenerationPipeline.DatasetFileName), cancellationToken);
        var path = Path.Combine(outputDirectory, FileName);
        await AtomicFile.WriteTextAsync(path, Render(config, statistics, dataset.Rows.Count), cancellationToken);
        return path;
    }

    /// <summary>The card's text for a dataset of <paramref name="rows"/> rows.</summary>
    public static string Render(GenerationConfig config, GenerationStatistics statistics, int rows)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(statistics);
        var text = new StringBuilder();
        AppendHeader(text, rows);
        text.Append("# Self-Instruct dataset\n\n")
            .Append("Instruction-tuning data bootstrapped from a seed pool with the Self-Instruct method ")
            .Append("(Wang et al., 2022, arXiv:2212.10560) with SelfInstruct: ")
            .Append(config.Style == GenerationStyle.Alpaca
                ? $"in Alpaca's style, whole tasks (instruction, input, output), {config.AlpacaTasksPerRequest} per " +
                    $"request from {config.AlpacaSeedTasks} sampled seed tasks, "
                : "instruction generation from sampled pool instructions, classification-task identification, " +
                    "instance generation (output first for classification tasks), ")
            .Append("and filtering by ROUGE-L against the pool and by keyword, length and format heuristics. ")
            .Append("Machine-written: read it before you train on it.\n\n")
            .Append("## How it was made\n\n| setting | value |\n| --- | --- |\n");
        Row(text, "generator model", $"`{config.Model}` ({EnumNames.Name(config.Backend)} backend)");
        Row(text, "seed pool", $"`{config.Seeds}`");
        Row(text, "prompt templates", $"`{statistics.PromptVersion}`");
        Row(text, "target instructions", Number(config.NumInstructions));
        Row(text, "style", EnumNames.Name(config.Style));
        Row(text, "in-context examples per prompt", config.Style == GenerationStyle.Alpaca
            ? $"{config.AlpacaSeedTasks} whole seed tasks"
            : $"{config.PromptInstructions} instructions " +
                $"(up to {config.MachineInstructionsPerPrompt} machine-written)");
        Row(text, "ROUGE-L similarity threshold", config.SimilarityThreshold.ToString(CultureInfo.InvariantCulture));
        Row(text, "text mode", EnumNames.Name(config.TextMode));
        Row(text, "seed", config.Seed.ToString(CultureInfo.InvariantCulture));
        Row(text, "stopped", statistics.StopReason.ToString());
        text.Append("\nEvery setting is in `config.json` beside this card; `stats.md` has the full statistics.\n\n")
            .Append("## Counts\n\n| figure | value |\n| --- | ---: |\n");
        Row(text, "instructions", Number(statistics.Instructions));
        Row(text, "classification instructions", Number(statistics.ClassificationInstructions));
        Row(text, "instances (rows)", Number(rows));
        Row(text, "instances with empty input", Number(statistics.InstancesWithEmptyInput));
        text.Append("\n## Rejections by reason\n\n| reason | count |\n| --- | ---: |\n");
        foreach (var (reason, count) in statistics.Rejections.OrderByDescending(pair => pair.Value)
                     .ThenBy(pair => pair.Key, StringComparer.Ordinal))
        {
            Row(text, $"`{reason}`", Number(count));
        }
        return text.Append("\n## Loading\n\n```python\nfrom datasets import load_dataset\n\n")
            .Append("dataset = load_dataset(\"path/to/this/folder\")  # or the Hub repository it was pushed to\n")
            .Append("```\n\nEach row is one instance; its task's columns (`task_id`, `instruction`, ")
            .Append("`is_classification`, `origin`, the provenance columns) repeat on every instance of the task.\n")
            .ToString();
    }

    private static void AppendHeader(StringBuilder text, int rows)
    {
        text.Append("---\n")
            .Append("# license: choose the licence of this data (mind your generator's terms and your seed pool's)\n")
            .Append("configs:\n- config_name: default\n  data_files:\n  - split: train\n")
            .Append(CultureInfo.InvariantCulture, $"    path: {GenerationPipeline.DatasetFileName}\n")
            .Append("dataset_info:\n  features:\n");
        foreach (var (name, type) in ParquetDatasetStore.ColumnsOf(typeof(DatasetRow)))
        {
            text.Append(CultureInfo.InvariantCulture, $"  - name: {name}\n    dtype: {FeatureType(type)}\n");
        }
        text.Append("  splits:\n  - name: train\n")
            .Append(CultureInfo.InvariantCulture, $"    num_examples: {rows}\n")
            .Append(CultureInfo.InvariantCulture, $"size_categories:\n- {SizeCategory(rows)}\n")
            .Append("task_categories:\n- text-generation\n")
            .Append("tags:\n- self-instruct\n- synthetic\n- instruction-tuning\n")
            .Append("---\n\n");
    }

    // The Hub's names for the Arrow types the Parquet columns hold.
    private static string FeatureType(Type type) =>
        type == typeof(string) ? "string"
        : type == typeof(bool) ? "bool"
        : type == typeof(double) ? "float64"
        : type == typeof(float) ? "float32"
        : type == typeof(int) ? "int32"
        : type == typeof(long) ? "int64"
        : throw new ArgumentOutOfRangeException(nameof(type), type, "no Hugging Face feature type for this column");

    /// <summary>The Hub's size category of <paramref name="rows"/> examples.</summary>
    public static string SizeCategory(long rows) => rows switch
    {
        < 1_000 => "n<1K",
        < 10_000 => "1K<n<10K",
        < 100_000 => "10K<n<100K",
        < 1_000_000 => "100K<n<1M",
        < 10_000_000 => "1M<n<10M",
        _ => "10M<n<100M",
    };

    private static void Row(StringBuilder text, string label, string value) =>
        text.Append(CultureInfo.InvariantCulture, $"| {label} | {value} |\n");

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
