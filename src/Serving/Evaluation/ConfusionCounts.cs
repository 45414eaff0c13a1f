namespace Platform.Modeling.Evaluation;

/// <summary>True-positive, false-positive and false-negative counts of one class, and the scores they give.</summary>
/// <remarks>
/// A ratio with a zero denominator is 0, as scikit-learn's <c>zero_division=0</c>. F1 is
/// 2·TP / (2·TP + FP + FN), which equals the harmonic mean of precision and recall whenever both are defined.
/// </remarks>
internal readonly record struct ConfusionCounts(long TruePositives, long FalsePositives, long FalseNegatives)
{
    public double Precision => Ratio(TruePositives, TruePositives + FalsePositives);

    public double Recall => Ratio(TruePositives, TruePositives + FalseNegatives);

    public double F1 => Ratio(2 * TruePositives, (2 * TruePositives) + FalsePositives + FalseNegatives);

    public static ConfusionCounts operator +(ConfusionCounts left, ConfusionCounts right) => new(
        left.TruePositives + right.TruePositives,
        left.FalsePositives + right.FalsePositives,
        left.FalseNegatives + right.FalseNegatives);

    public AveragedScores ToAveragedScores() => new(Precision, Recall, F1);

    public ClassScores ToClassScores(string label) =>
        new(label, Precision, Recall, F1, checked((int)(TruePositives + FalseNegatives)));

    public static double Ratio(double numerator, double denominator) => denominator == 0 ? 0 : numerator / denominator;
}
