namespace Platform.Shared.Datasets;

/// <summary>Kept texts longer than <see cref="DatasetOptions.MaxTokens"/>: they are truncated at training time, not dropped.</summary>
public sealed record LongTextSummary(int Count, int MaxTokens, int LongestTokens, IReadOnlyList<int> Lines);
