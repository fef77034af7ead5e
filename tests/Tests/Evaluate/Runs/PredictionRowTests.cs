using Parquet;
using Parquet.Schema;
using SelfInstruct.Evaluate.Runs;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Evaluate.Runs;

public sealed class PredictionRowTests
{
    private static readonly PredictionRow[] _rows =
    [
        new() { Model = "base", TaskId = "task1", Category = "Question Answering", InstanceId = "task1-0",
            Prompt = "Definition: Answer.\n\nInput: 2+2?\nOutput:", Prediction = "4", References = "[\"4\"]",
            ExactMatch = 1, RougeL = 1.0, FinishReason = "stop", PromptTokens = 14, OutputTokens = 1,
            OutputWords = 1, Truncated = false, Judge = "A" },
        new() { Model = "tuned", TaskId = "task2", Category = "Summarization", InstanceId = "task2-3",
            Prompt = "Summarize…", Prediction = "A long answer that ran out", References = "[\"short\",\"brief\"]",
            ExactMatch = 0, RougeL = 0.125, FinishReason = "length", OutputWords = 6, Truncated = true },
    ];

    [Fact]
    public async Task Round_trips_through_the_parquet_store_under_its_own_schema_version()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File(ResultsFiles.PredictionsFileName);

        await ParquetDatasetStore.WriteRowsAsync(path, _rows, PredictionRow.SchemaVersion,
            new Dictionary<string, string> { ["selfinstruct.prompt"] = "SuperNi" }, CancellationToken.None);
        var read = await ParquetDatasetStore.ReadRowsAsync<PredictionRow>(path, CancellationToken.None);

        Assert.Equal(_rows, read);
        await using var stream = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(stream);
        Assert.Equal(PredictionRow.SchemaVersion, reader.CustomMetadata[ParquetDatasetStore.SchemaVersionKey]);
        Assert.Equal("SuperNi", reader.CustomMetadata["selfinstruct.prompt"]);
    }

    [Fact]
    public async Task Writes_the_flat_snake_case_columns_pandas_reads()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File(ResultsFiles.PredictionsFileName);

        await ParquetDatasetStore.WriteRowsAsync(path, _rows, PredictionRow.SchemaVersion,
            new Dictionary<string, string>(), CancellationToken.None);
        await using var stream = File.OpenRead(path);
        var schema = await ParquetReader.ReadSchemaAsync(stream);

        Assert.Equal(
            ["model", "task_id", "category", "instance_id", "prompt", "prediction", "references", "exact_match",
                "rouge_l", "finish_reason", "prompt_tokens", "output_tokens", "output_words", "truncated", "judge"],
            schema.Fields.Select(field => field.Name));
        Assert.All(schema.Fields, field => Assert.Equal(SchemaType.Data, field.SchemaType));
    }

    [Fact]
    public async Task Names_a_column_of_the_wrong_type()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File(ResultsFiles.PredictionsFileName);
        await ParquetDatasetStore.WriteRowsAsync(path, [new WrongRougeL { RougeL = "high" }], "1",
            new Dictionary<string, string>(), CancellationToken.None);

        var error = await Assert.ThrowsAsync<InvalidDataException>(
            () => ParquetDatasetStore.ReadRowsAsync<PredictionRow>(path, CancellationToken.None));

        Assert.StartsWith($"{path}: column 'rouge_l': expected Double values, found String values", error.Message);
    }

    private sealed class WrongRougeL
    {
        [JsonPropertyName("rouge_l")]
        public string RougeL { get; set; } = "";
    }
}
