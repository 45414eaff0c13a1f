using Platform.Shared.Datasets;

namespace Platform.Shared.Scoring;

/// <summary>One record of a CSV to score: its cells (the text among them) on line <paramref name="Line"/>, or why it cannot be scored.</summary>
public sealed record ScoringRecord(int Line, IReadOnlyList<string>? Cells, DatasetError? Error);
