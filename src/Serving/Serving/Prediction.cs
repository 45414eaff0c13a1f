namespace Platform.Modeling.Serving;

/// <summary>
/// The answer for one text: the predicted labels (single-label: the top one; multi-label: every label
/// at or over its threshold) and the probability of every label.
/// </summary>
public sealed record Prediction(string? Label, IReadOnlyList<string> Labels, IReadOnlyDictionary<string, float> Scores);
