namespace Platform.Modeling.Evaluation;

/// <summary>F1, subset accuracy and Hamming loss of a multi-label classifier at per-label thresholds.</summary>
public static class MultiLabelMetrics
{
    /// <summary>Scores thresholded <paramref name="probabilities"/> against the <paramref name="actual"/> label sets.</summary>
    /// <param name="actual">For each sample, whether each label applies.</param>
    /// <param name="probabilities">For each sample, the predicted probability of each label.</param>
    /// <param name="thresholds">Per label: a probability at or above it predicts the label.</param>
    /// <param name="labels">The label names.</param>
    /// <remarks>
    /// Ratios with a zero denominator are 0 (scikit-learn's <c>zero_division=0</c>). Subset accuracy is the share of
    /// samples whose whole label set is predicted exactly; Hamming loss is the share of (sample, label) cells that are wrong.
    /// </remarks>
    public static MultiLabelReport Compute(
        IReadOnlyList<bool[]> actual, IReadOnlyList<float[]> probabilities, IReadOnlyList<float> thresholds, IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        ArgumentNullException.ThrowIfNull(labels);
        MultiLabelInput.Validate(actual, probabilities, labels.Count);
        if (thresholds.Count != labels.Count)
        {
            throw new ArgumentException($"There are {thresholds.Count} thresholds for {labels.Count} labels.", nameof(thresholds));
        }

        var counts = new ConfusionCounts[labels.Count];
        long exactMatches = 0;
        long wrongCells = 0;
        for (var i = 0; i < actual.Count; i++)
        {
            var wrongInSample = 0;
            for (var k = 0; k < labels.Count; k++)
            {
                var isActual = actual[i][k];
                var isPredicted = probabilities[i][k] >= thresholds[k];
                counts[k] += new ConfusionCounts(
                    isActual && isPredicted ? 1 : 0, !isActual && isPredicted ? 1 : 0, isActual && !isPredicted ? 1 : 0);
                wrongInSample += isActual == isPredicted ? 0 : 1;
            }

            exactMatches += wrongInSample == 0 ? 1 : 0;
            wrongCells += wrongInSample;
        }

        var perLabel = new ClassScores[labels.Count];
        var total = default(ConfusionCounts);
        for (var k = 0; k < labels.Count; k++)
        {
            perLabel[k] = counts[k].ToClassScores(labels[k]);
            total += counts[k];
        }

        var micro = total.ToAveragedScores();
        var macro = Averaging.Macro(perLabel);
        return new MultiLabelReport(
            MicroF1: micro.F1,
            MacroF1: macro.F1,
            Micro: micro,
            Macro: macro,
            SubsetAccuracy: ConfusionCounts.Ratio(exactMatches, actual.Count),
            HammingLoss: ConfusionCounts.Ratio(wrongCells, (double)actual.Count * labels.Count),
            PerLabel: perLabel,
            Thresholds: [.. thresholds],
            Labels: [.. labels],
            Count: actual.Count);
    }
}
