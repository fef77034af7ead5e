namespace SelfInstruct.Evaluate.Reports;

/// <summary>Renders report blocks as Markdown; images are referenced by their file name beside report.md.</summary>
public static class MarkdownRenderer
{
    /// <summary>The Markdown text.</summary>
    public static string Render(string title, IReadOnlyList<ReportBlock> blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        var text = new StringBuilder().Append("# ").Append(title).Append("\n\n");
        foreach (var block in blocks)
        {
            switch (block.Kind)
            {
                case ReportBlockKind.Heading:
                    text.Append("## ").Append(block.Text).Append("\n\n");
                    break;
                case ReportBlockKind.Paragraph:
                    text.Append(block.Text).Append("\n\n");
                    break;
                case ReportBlockKind.Code:
                    text.Append("```text\n").Append(block.Text.Replace("```", "'''", StringComparison.Ordinal))
                        .Append("\n```\n\n");
                    break;
                case ReportBlockKind.Image:
                    text.Append("![").Append(block.Text).Append("](").Append(block.ImageFile).Append(")\n\n");
                    break;
                case ReportBlockKind.Table:
                    AppendTable(text, block.Rows!);
                    break;
            }
        }
        return text.ToString();
    }

    private static void AppendTable(StringBuilder text, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        AppendRow(text, rows[0]);
        text.Append('|').Append(string.Concat(rows[0].Select(_ => " --- |"))).Append('\n');
        foreach (var row in rows.Skip(1))
        {
            AppendRow(text, row);
        }
        text.Append('\n');
    }

    private static void AppendRow(StringBuilder text, IReadOnlyList<string> cells) =>
        text.Append("| ").Append(string.Join(" | ", cells.Select(Cell))).Append(" |\n");

    private static string Cell(string value) =>
        value.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
