namespace SelfInstruct.Core.Formats;

/// <summary>
/// Reads and writes datasets in any <see cref="DatasetFormat"/> as flat <see cref="DatasetRow"/>s, choosing the
/// format from the file extension unless one is given.
/// </summary>
public static class DatasetFiles
{
    /// <summary>The format a file extension stands for.</summary>
    /// <exception cref="ArgumentException">The extension is not one of .jsonl, .json or .parquet.</exception>
    public static DatasetFormat FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".jsonl" => DatasetFormat.SeedJsonl,
        ".json" => DatasetFormat.AlpacaJson,
        ".parquet" => DatasetFormat.Parquet,
        var other => throw new ArgumentException(
            $"{path}: cannot tell the format from the extension '{other}'; expected .jsonl (Self-Instruct seed " +
            "JSONL), .json (Alpaca) or .parquet, or name the format with --format", nameof(path)),
    };

    /// <summary>Reads a dataset file into rows, with its metadata (empty for the JSON formats).</summary>
    public static async Task<DatasetFile> ReadAsync(
        string path, DatasetFormat? format, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such file", path);
        }
        var empty = new Dictionary<string, string>();
        return (format ?? FormatOf(path)) switch
        {
            DatasetFormat.SeedJsonl => new DatasetFile(
                DatasetRows.FromSeedTasks(await SeedTaskJsonl.ReadAsync(path, cancellationToken)), empty),
            DatasetFormat.AlpacaJson => new DatasetFile(
                DatasetRows.FromAlpaca(await AlpacaJson.ReadAsync(path, cancellationToken)), empty),
            _ => await ParquetDatasetStore.ReadAsync(path, cancellationToken),
        };
    }

    /// <summary>Writes rows atomically in the chosen format; metadata survives only in Parquet.</summary>
    public static Task WriteAsync(
        string path,
        DatasetFile dataset,
        DatasetFormat? format,
        CancellationToken cancellationToken) => (format ?? FormatOf(path)) switch
        {
            DatasetFormat.SeedJsonl => SeedTaskJsonl.WriteAsync(
                path, DatasetRows.ToSeedTasks(dataset.Rows), cancellationToken),
            DatasetFormat.AlpacaJson => AlpacaJson.WriteAsync(
                path, DatasetRows.ToAlpaca(dataset.Rows), cancellationToken),
            _ => ParquetDatasetStore.WriteAsync(path, dataset.Rows, dataset.Metadata, cancellationToken),
        };
}
