namespace Platform.Shared.Datasets;

/// <summary>How many rows were dropped for one reason, and the first few line numbers.</summary>
public sealed record DropReasonSummary(int Count, IReadOnlyList<int> Lines);
