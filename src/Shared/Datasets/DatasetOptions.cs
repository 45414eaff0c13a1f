namespace Platform.Shared.Datasets;

/// <summary>How <see cref="DatasetReader"/> finds columns in an uploaded CSV and which rows it accepts.</summary>
public sealed record DatasetOptions
{
    /// <summary>Header name of the text column (matched trimmed and case-insensitively).</summary>
    public string TextColumn { get; init; } = "text";

    /// <summary>Header name of the single-label column.</summary>
    public string LabelColumn { get; init; } = "label";

    /// <summary>Header name of the multi-label column; its cells hold labels joined by <see cref="LabelSeparator"/>.</summary>
    public string LabelsColumn { get; init; } = "labels";

    /// <summary>Separator between labels in a multi-label cell.</summary>
    public char LabelSeparator { get; init; } = ';';

    /// <summary>
    /// Field delimiter: <c>,</c>, <c>;</c>, tab or <c>|</c>. <c>null</c> = auto: a comma when the header line has one,
    /// else the one of <c>;</c>, tab and <c>|</c> it uses (noted in the report's warnings).
    /// </summary>
    public char? Delimiter { get; init; }

    /// <summary>
    /// Labels that differ only in case (<c>POSITIVE</c>, <c>Positive</c>) are one class, written in lower case. Off by
    /// default: such labels stay distinct and the report warns about them with their lines.
    /// </summary>
    public bool FoldLabelCase { get; init; }

    /// <summary><c>null</c> = auto: multi-label iff the <see cref="LabelsColumn"/> header is present and <see cref="LabelColumn"/> is not.</summary>
    public bool? MultiLabel { get; init; }

    /// <summary>Fewer usable rows than this rejects the dataset.</summary>
    public int MinRows { get; init; } = 20;

    /// <summary>Classes with fewer examples than this are listed as rare (a warning, not a rejection).</summary>
    public int RareClassThreshold { get; init; } = 5;

    /// <summary>Texts with more tokens than this (by the caller's token counter) are reported, not dropped.</summary>
    public int MaxTokens { get; init; } = 128;

    /// <summary>A cell longer than this many characters drops its row with reason <c>field_too_large</c>.</summary>
    public int MaxFieldChars { get; init; } = 100_000;
}
