using System.CommandLine;

namespace SelfInstruct.Cli.Commands;

/// <summary>A <c>--format</c>-style option naming a dataset format by its usual extension.</summary>
internal static class FormatOption
{
    private static readonly Dictionary<string, DatasetFormat> _formats = new(StringComparer.OrdinalIgnoreCase)
    {
        ["jsonl"] = DatasetFormat.SeedJsonl,
        ["json"] = DatasetFormat.AlpacaJson,
        ["parquet"] = DatasetFormat.Parquet,
    };

    public static Option<string?> Create(string name, string description)
    {
        var option = new Option<string?>(name)
        {
            Description = $"{description}: jsonl (Self-Instruct seed tasks), json (Alpaca) or parquet " +
                "[default: from the file extension]",
        };
        option.AcceptOnlyFromAmong([.. _formats.Keys]);
        return option;
    }

    public static DatasetFormat? Parse(string? name) => name is null ? null : _formats[name];
}
