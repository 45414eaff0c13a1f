namespace Platform.Modeling.Evaluation;

/// <summary>Metrics of a multi-label classifier on one data set at the given per-label thresholds.</summary>
public sealed record MultiLabelReport(
    double MicroF1,
    double MacroF1,
    AveragedScores Micro,
    AveragedScores Macro,
    double SubsetAccuracy,
    double HammingLoss,
    IReadOnlyList<ClassScores> PerLabel,
    IReadOnlyList<float> Thresholds,
    IReadOnlyList<string> Labels,
    int Count);
