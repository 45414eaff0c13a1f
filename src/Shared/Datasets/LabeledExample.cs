namespace Platform.Shared.Datasets;

/// <summary>One usable row: trimmed text, its labels (one for single-label data) and the 1-based line where the record starts.</summary>
public sealed record LabeledExample(string Text, IReadOnlyList<string> Labels, int Line);
