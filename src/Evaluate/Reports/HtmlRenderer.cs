using System.Net;

namespace SelfInstruct.Evaluate.Reports;

/// <summary>
/// Renders report blocks as one self-contained XHTML-compatible page: styles inline, every image embedded as a
/// <c>data:image/png;base64</c> URI read from the folder, nothing fetched from the network.
/// </summary>
public static class HtmlRenderer
{
    private const string Style =
        "body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}" +
        "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}" +
        "th{background:#f0f0f0}pre{background:#f7f7f7;padding:.6em;white-space:pre-wrap}img{max-width:100%}";

    /// <summary>The HTML text; images are read from <paramref name="folder"/>.</summary>
    public static string Render(string title, IReadOnlyList<ReportBlock> blocks, string folder)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        var html = new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n<title>")
            .Append(Encode(title)).Append("</title>\n<style>").Append(Style).Append("</style>\n</head>\n<body>\n")
            .Append("<h1>").Append(Encode(title)).Append("</h1>\n");
        foreach (var block in blocks)
        {
            switch (block.Kind)
            {
                case ReportBlockKind.Heading:
                    html.Append("<h2>").Append(Encode(block.Text)).Append("</h2>\n");
                    break;
                case ReportBlockKind.Paragraph:
                    html.Append("<p>").Append(Encode(block.Text)).Append("</p>\n");
                    break;
                case ReportBlockKind.Code:
                    html.Append("<pre>").Append(Encode(block.Text)).Append("</pre>\n");
                    break;
                case ReportBlockKind.Image:
                    var bytes = File.ReadAllBytes(Path.Combine(folder, block.ImageFile!));
                    html.Append("<figure><img alt=\"").Append(Encode(block.Text))
                        .Append("\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(bytes))
                        .Append("\" /><figcaption>").Append(Encode(block.Text)).Append("</figcaption></figure>\n");
                    break;
                case ReportBlockKind.Table:
                    AppendTable(html, block.Rows!);
                    break;
            }
        }
        return html.Append("</body>\n</html>\n").ToString();
    }

    private static void AppendTable(StringBuilder html, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        html.Append("<table>\n<tr>");
        foreach (var cell in rows[0])
        {
            html.Append("<th>").Append(Encode(cell)).Append("</th>");
        }
        html.Append("</tr>\n");
        foreach (var row in rows.Skip(1))
        {
            html.Append("<tr>");
            foreach (var cell in row)
            {
                html.Append("<td>").Append(Encode(cell)).Append("</td>");
            }
            html.Append("</tr>\n");
        }
        html.Append("</table>\n");
    }

    // Control characters (a small model's raw bytes) are invalid in XML and unreadable in HTML: shown as U+FFFD.
    private static string Encode(string text) => WebUtility.HtmlEncode(string.Concat(text.Select(character =>
        char.IsControl(character) && character is not ('\n' or '\t') ? '\uFFFD' : character)));
}
