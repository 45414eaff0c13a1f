namespace Platform.Modeling.Evaluation;

/// <summary>Macro and support-weighted averages of per-class scores.</summary>
internal static class Averaging
{
    /// <summary>Unweighted mean over all classes, including classes that never occur (as scikit-learn with <c>labels=</c>).</summary>
    public static AveragedScores Macro(IReadOnlyList<ClassScores> scores) => scores.Count == 0
        ? new AveragedScores(0, 0, 0)
        : new AveragedScores(scores.Average(s => s.Precision), scores.Average(s => s.Recall), scores.Average(s => s.F1));

    /// <summary>Mean weighted by each class's support; 0 when there is no support at all.</summary>
    public static AveragedScores Weighted(IReadOnlyList<ClassScores> scores)
    {
        double total = scores.Sum(s => (long)s.Support);
        return new AveragedScores(
            ConfusionCounts.Ratio(scores.Sum(s => s.Precision * s.Support), total),
            ConfusionCounts.Ratio(scores.Sum(s => s.Recall * s.Support), total),
            ConfusionCounts.Ratio(scores.Sum(s => s.F1 * s.Support), total));
    }
}
