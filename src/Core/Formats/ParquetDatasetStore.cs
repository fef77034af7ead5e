using System.Reflection;
using Parquet;
using Parquet.Schema;
using Parquet.Serialization;

namespace SelfInstruct.Core.Formats;

/// <summary>
/// Reads and writes the Parquet dataset: flat primitive columns (see <see cref="DatasetRow"/>) that pandas,
/// DuckDB and Hugging Face datasets read as they are, plus file-level key/value metadata for provenance. Other flat
/// row records (an evaluation's predictions) go through the same store under their own schema version.
/// </summary>
public static class ParquetDatasetStore
{
    /// <summary>Metadata key of the file's schema version, written into every file.</summary>
    public const string SchemaVersionKey = "selfinstruct.schema_version";

    /// <summary>The dataset's current schema version. Bump it when a column changes meaning, type or name.</summary>
    public const string SchemaVersion = "1";

    private static readonly string[] _requiredColumns = ["task_id", "instruction", "input", "output"];

    private static readonly string[] _secretLikeKeyParts = ["api_key", "apikey", "secret", "password", "authorization"];

    /// <summary>Writes the dataset rows atomically with the given metadata and the schema version.</summary>
    /// <exception cref="ArgumentException">A metadata key looks like it names a secret.</exception>
    public static Task WriteAsync(
        string path,
        IEnumerable<DatasetRow> rows,
        IReadOnlyDictionary<string, string> metadata,
        CancellationToken cancellationToken) =>
        WriteRowsAsync(path, rows, SchemaVersion, metadata, cancellationToken);

    /// <summary>
    /// Writes rows of a flat record atomically with the given metadata and <paramref name="schemaVersion"/> under
    /// <see cref="SchemaVersionKey"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A metadata key looks like it names a secret.</exception>
    public static async Task WriteRowsAsync<TRow>(
        string path,
        IEnumerable<TRow> rows,
        string schemaVersion,
        IReadOnlyDictionary<string, string> metadata,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(schemaVersion);
        var fileMetadata = new Dictionary<string, string>(metadata, StringComparer.Ordinal)
        {
            [SchemaVersionKey] = schemaVersion,
        };
        foreach (var key in fileMetadata.Keys)
        {
            if (_secretLikeKeyParts.Any(part => key.Contains(part, StringComparison.OrdinalIgnoreCase)))
            {
                throw new ArgumentException($"metadata key '{key}' looks like a secret; secrets never go into files",
                    nameof(metadata));
            }
        }
        var materialized = rows.ToList();
        await AtomicFile.WriteAsync(
            path,
            stream => ParquetSerializer.SerializeAsync(
                materialized, stream, new ParquetOptions(), fileMetadata, cancellationToken),
            cancellationToken);
    }

    /// <summary>Reads every row and the metadata, after checking the columns the dataset cannot do without.</summary>
    /// <exception cref="InvalidDataException">The file is not Parquet or lacks or mistypes a column.</exception>
    public static async Task<DatasetFile> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var (rows, metadata) = await ReadFileAsync<DatasetRow>(path, _requiredColumns, cancellationToken);
        return new DatasetFile(rows, metadata);
    }

    /// <summary>Reads every row of a flat record, after checking the types of the columns it names.</summary>
    /// <exception cref="InvalidDataException">The file is not Parquet or mistypes a column.</exception>
    public static async Task<IReadOnlyList<TRow>> ReadRowsAsync<TRow>(string path, CancellationToken cancellationToken)
        where TRow : class, new() =>
        (await ReadFileAsync<TRow>(path, [], cancellationToken)).Rows;

    private static async Task<(List<TRow> Rows, IReadOnlyDictionary<string, string> Metadata)> ReadFileAsync<TRow>(
        string path, string[] requiredColumns, CancellationToken cancellationToken)
        where TRow : class, new()
    {
        await using var stream = File.OpenRead(path);
        ParquetSchema schema;
        try
        {
            schema = await ParquetReader.ReadSchemaAsync(stream);
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException)
        {
            throw DataFormatError.In(path, "file", "a Parquet file", exception.Message);
        }
        CheckColumns(path, schema, requiredColumns, ColumnTypes(typeof(TRow)));
        stream.Position = 0;
        var result = await ParquetSerializer.DeserializeAsync<TRow>(
            stream, new ParquetOptions(), rowGroupIndex: null, cancellationToken);
        return (result.Data.ToList(), result.CustomMetadata ?? new Dictionary<string, string>());
    }

    /// <summary>The columns rows of <paramref name="row"/> are written as, in order: each name and value type.</summary>
    public static IReadOnlyList<(string Name, Type Type)> ColumnsOf(Type row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.GetProperties()
            .Where(property => property.GetCustomAttribute<JsonPropertyNameAttribute>() is not null)
            .Select(property => (property.GetCustomAttribute<JsonPropertyNameAttribute>()!.Name,
                Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType))
            .ToList();
    }

    private static Dictionary<string, Type> ColumnTypes(Type row) =>
        ColumnsOf(row).ToDictionary(column => column.Name, column => column.Type);

    private static void CheckColumns(
        string path, ParquetSchema schema, string[] requiredColumns, Dictionary<string, Type> columnTypes)
    {
        var fields = schema.GetDataFields().ToDictionary(field => field.Name, StringComparer.Ordinal);
        var found = string.Join(", ", fields.Keys);
        foreach (var column in requiredColumns)
        {
            if (!fields.ContainsKey(column))
            {
                throw DataFormatError.In(path, $"column '{column}'", "a string column", $"no such column ({found})");
            }
        }
        foreach (var (name, expectedType) in columnTypes)
        {
            if (fields.TryGetValue(name, out var field) && ValueType(field) != expectedType)
            {
                throw DataFormatError.In(
                    path, $"column '{name}'", $"{expectedType.Name} values", $"{ValueType(field).Name} values");
            }
        }
    }

    // Parquet.Net reports string columns as character memory; they hold strings all the same.
    private static Type ValueType(DataField field) =>
        field.ClrType == typeof(ReadOnlyMemory<char>) ? typeof(string) : field.ClrType;
}
