namespace SelfInstruct.Evaluate.Reports;

/// <summary>What a report block is.</summary>
public enum ReportBlockKind
{
    /// <summary>A section heading.</summary>
    Heading,

    /// <summary>A paragraph of plain text.</summary>
    Paragraph,

    /// <summary>A table with a header row.</summary>
    Table,

    /// <summary>A PNG written beside the report.</summary>
    Image,

    /// <summary>Preformatted text, such as a prompt or a prediction.</summary>
    Code,
}
