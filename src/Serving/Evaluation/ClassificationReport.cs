namespace Platform.Modeling.Evaluation;

/// <summary>Metrics of a single-label classifier on one data set; <see cref="ConfusionMatrix"/> is indexed [actual][predicted].</summary>
public sealed record ClassificationReport(
    double Accuracy,
    AveragedScores Macro,
    AveragedScores Micro,
    AveragedScores Weighted,
    IReadOnlyList<ClassScores> PerClass,
    int[][] ConfusionMatrix,
    IReadOnlyList<string> Labels,
    int Count);
