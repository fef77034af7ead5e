using Parquet;
using Parquet.Schema;
using Parquet.Serialization;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Core.Formats;

public sealed class ParquetDatasetStoreTests
{
    private static readonly DatasetRow[] _rows =
    [
        new() { TaskId = "seed_task_0", TaskName = "haiku", Instruction = "Write a haiku.", Input = "",
            Output = "Leaves fall…", IsClassification = false, Origin = TaskOrigin.Seed },
        new() { TaskId = "machine_1", Instruction = "Classify the mood.", Input = "I won!", Output = "happy",
            IsClassification = true, Origin = TaskOrigin.Machine, Model = "gpt-4o-mini", PromptVersion = "v1",
            MaxSimilarity = 0.4166666666666667, MostSimilarInstruction = "Classify the review.",
            MeanSimilarity = 0.05 },
    ];

    [Fact]
    public async Task Round_trips_rows_nulls_and_metadata()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("data.parquet");

        await ParquetDatasetStore.WriteAsync(path, _rows, new Dictionary<string, string> { ["seed"] = "42" },
            CancellationToken.None);
        var read = await ParquetDatasetStore.ReadAsync(path, CancellationToken.None);

        Assert.Equal(_rows, read.Rows);
        Assert.Equal("42", read.Metadata["seed"]);
        Assert.Equal(ParquetDatasetStore.SchemaVersion, read.Metadata[ParquetDatasetStore.SchemaVersionKey]);
    }

    [Fact]
    public async Task Writes_flat_primitive_columns_with_snake_case_names()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("data.parquet");

        await ParquetDatasetStore.WriteAsync(path, _rows, new Dictionary<string, string>(), CancellationToken.None);
        var schema = await ParquetReader.ReadSchemaAsync(File.OpenRead(path));

        Assert.Equal(
            ["task_id", "task_name", "instruction", "input", "output", "is_classification", "origin", "model",
                "prompt_version", "max_similarity", "most_similar_instruction", "mean_similarity"],
            schema.Fields.Select(field => field.Name));
        Assert.All(schema.Fields, field => Assert.Equal(SchemaType.Data, field.SchemaType));
    }

    [Fact]
    public async Task Names_the_missing_column_of_a_foreign_file()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("foreign.parquet");
        var foreign = new[] { new Foreign { TaskId = "t", Instruction = "Do it.", Input = "" } };
        await ParquetSerializer.SerializeAsync(foreign, path);

        var exception = await Assert.ThrowsAsync<InvalidDataException>(
            () => ParquetDatasetStore.ReadAsync(path, CancellationToken.None));

        Assert.StartsWith(
            $"{path}: column 'output': expected a string column, found no such column", exception.Message);
    }

    [Fact]
    public async Task Reports_a_file_that_is_not_parquet()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("text.parquet");
        await File.WriteAllTextAsync(path, "task_id,instruction\n1,Do it.\n");

        var exception = await Assert.ThrowsAsync<InvalidDataException>(
            () => ParquetDatasetStore.ReadAsync(path, CancellationToken.None));

        Assert.StartsWith($"{path}: file: expected a Parquet file", exception.Message);
    }

    [Fact]
    public async Task Refuses_metadata_keys_that_look_like_secrets()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("data.parquet");

        await Assert.ThrowsAsync<ArgumentException>(() => ParquetDatasetStore.WriteAsync(
            path, _rows, new Dictionary<string, string> { ["openai.api_key"] = "sk-..." }, CancellationToken.None));

        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task Keeps_the_previous_file_whole_when_a_write_fails()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("data.parquet");
        await ParquetDatasetStore.WriteAsync(path, _rows, new Dictionary<string, string>(), CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => ParquetDatasetStore.WriteAsync(
            path, FailingRows(), new Dictionary<string, string>(), CancellationToken.None));

        var read = await ParquetDatasetStore.ReadAsync(path, CancellationToken.None);
        Assert.Equal(_rows, read.Rows);
        Assert.Equal(["data.parquet"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
    }

    private static IEnumerable<DatasetRow> FailingRows()
    {
        yield return _rows[0];
        throw new InvalidOperationException("generator crashed");
    }

    private sealed class Foreign
    {
        [System.Text.Json.Serialization.JsonPropertyName("task_id")]
        public string TaskId { get; set; } = "";

        [System.Text.Json.Serialization.JsonPropertyName("instruction")]
        public string Instruction { get; set; } = "";

        [System.Text.Json.Serialization.JsonPropertyName("input")]
        public string Input { get; set; } = "";
    }
}
