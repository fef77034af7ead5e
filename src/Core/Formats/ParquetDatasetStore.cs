using System.Reflection;
using System.Text.Json.Serialization;
using Parquet;
using Parquet.Schema;
using Parquet.Serialization;
using SelfInstruct.Core.Records;

namespace SelfInstruct.Core.Formats;

/// <summary>
/// Reads and writes the Parquet dataset: flat primitive columns (see <see cref="DatasetRow"/>) that pandas,
/// DuckDB and Hugging Face datasets read as they are, plus file-level key/value metadata for provenance.
/// </summary>
public static class ParquetDatasetStore
{
    /// <summary>Metadata key of the dataset schema version, written into every file.</summary>
    public const string SchemaVersionKey = "selfinstruct.schema_version";

    /// <summary>The current schema version. Bump it when a column changes meaning, type or name.</summary>
    public const string SchemaVersion = "1";

    private static readonly string[] _requiredColumns = ["task_id", "instruction", "input", "output"];
    private static readonly Dictionary<string, Type> _columnTypes = typeof(DatasetRow).GetProperties()
        .ToDictionary(
            property => property.GetCustomAttribute<JsonPropertyNameAttribute>()!.Name,
            property => Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType);

    private static readonly string[] _secretLikeKeyParts = ["api_key", "apikey", "secret", "password", "authorization"];

    /// <summary>Writes the rows atomically with the given metadata and the schema version.</summary>
    /// <exception cref="ArgumentException">A metadata key looks like it names a secret.</exception>
    public static async Task WriteAsync(
        string path,
        IEnumerable<DatasetRow> rows,
        IReadOnlyDictionary<string, string> metadata,
        CancellationToken cancellationToken)
    {
        var fileMetadata = new Dictionary<string, string>(metadata, StringComparer.Ordinal)
        {
            [SchemaVersionKey] = SchemaVersion,
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
        CheckColumns(path, schema);
        stream.Position = 0;
        var result = await ParquetSerializer.DeserializeAsync<DatasetRow>(
            stream, new ParquetOptions(), rowGroupIndex: null, cancellationToken);
        return new DatasetFile(result.Data.ToList(), result.CustomMetadata ?? new Dictionary<string, string>());
    }

    private static void CheckColumns(string path, ParquetSchema schema)
    {
        var fields = schema.GetDataFields().ToDictionary(field => field.Name, StringComparer.Ordinal);
        var found = string.Join(", ", fields.Keys);
        foreach (var column in _requiredColumns)
        {
            if (!fields.ContainsKey(column))
            {
                throw DataFormatError.In(path, $"column '{column}'", "a string column", $"no such column ({found})");
            }
        }
        foreach (var (name, expectedType) in _columnTypes)
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
