namespace SelfInstruct.Evaluate.Reports;

/// <summary>
/// One block of the report, rendered alike to Markdown and HTML. Text is plain: renderers escape it.
/// </summary>
/// <param name="Kind">What the block is.</param>
/// <param name="Text">Heading, paragraph or code text; the image's caption.</param>
/// <param name="Rows">For a table: the header row, then the body rows.</param>
/// <param name="ImageFile">For an image: the PNG's file name beside the report.</param>
public sealed record ReportBlock(
    ReportBlockKind Kind, string Text, IReadOnlyList<IReadOnlyList<string>>? Rows = null, string? ImageFile = null)
{
    public static ReportBlock Heading(string text) => new(ReportBlockKind.Heading, text);

    public static ReportBlock Paragraph(string text) => new(ReportBlockKind.Paragraph, text);

    public static ReportBlock Code(string text) => new(ReportBlockKind.Code, text);

    public static ReportBlock Image(string caption, string file) => new(ReportBlockKind.Image, caption, null, file);

    public static ReportBlock Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows) =>
        new(ReportBlockKind.Table, "", [header, .. rows]);
}
