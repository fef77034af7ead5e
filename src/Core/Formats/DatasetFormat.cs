namespace SelfInstruct.Core.Formats;

/// <summary>The dataset file formats the toolkit reads and writes.</summary>
public enum DatasetFormat
{
    /// <summary>The original Self-Instruct seed format, <c>.jsonl</c>.</summary>
    [JsonStringEnumMemberName("jsonl")]
    SeedJsonl,

    /// <summary>Alpaca's JSON array, <c>.json</c>.</summary>
    [JsonStringEnumMemberName("json")]
    AlpacaJson,

    /// <summary>Our Parquet dataset, <c>.parquet</c>.</summary>
    Parquet,
}
