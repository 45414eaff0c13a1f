namespace Platform.Modeling.Evaluation;

/// <summary>Picks, per label, the decision threshold that maximises that label's F1 on a validation set.</summary>
public static class ThresholdTuner
{
    /// <summary>The shrinkage training uses: 20 pseudo-positives at 0.5 (see <see cref="Tune"/>).</summary>
    public const int DefaultPriorSupport = 20;

    /// <summary>Returns one threshold per label; a probability at or above it predicts the label.</summary>
    /// <param name="actual">For each validation sample, whether each label applies.</param>
    /// <param name="probabilities">For each validation sample, the predicted probability of each label.</param>
    /// <param name="fallback">The threshold of a label that has no positive sample, whose F1 is 0 at any threshold.</param>
    /// <remarks>
    /// <para>
    /// The candidates are the cuts between consecutive distinct probabilities of the label, placed at their midpoint
    /// (or at the upper value when the two are adjacent floats), plus the lowest probability itself, which predicts
    /// every sample positive. Predicting nothing is never a candidate: its F1 is 0, no better than any other cut.
    /// Sorting makes this O(n log n) per label; each cut is then scored in O(1) from running counts.
    /// </para>
    /// <para>
    /// Ties: among cuts with exactly equal F1 (compared as fractions, so no rounding), the highest threshold wins,
    /// i.e. the one predicting fewest positives, which has the higher precision.
    /// </para>
    /// <para>
    /// Shrinkage (<paramref name="priorSupport"/> &gt; 0): a threshold tuned on few positives overfits them, so each is
    /// pulled toward <paramref name="fallback"/> as if that many more positives had voted for it:
    /// t = fallback + (tuned − fallback) · positives / (positives + priorSupport). A label with 5 validation positives
    /// keeps a fifth of its tuned offset at a prior of 20; one with 2,000 keeps 99 %.
    /// </para>
    /// <para>The label count is read from the first sample; with no samples at all the result is empty.</para>
    /// </remarks>
    /// <param name="priorSupport">Pseudo-positives that vote for <paramref name="fallback"/> (0: no shrinkage).</param>
    public static float[] Tune(IReadOnlyList<bool[]> actual, IReadOnlyList<float[]> probabilities, float fallback = 0.5f, int priorSupport = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(priorSupport);
        ArgumentNullException.ThrowIfNull(actual);
        if (actual.Count == 0)
        {
            MultiLabelInput.Validate(actual, probabilities, 0);
            return [];
        }

        var labelCount = actual[0]?.Length ?? 0;
        MultiLabelInput.Validate(actual, probabilities, labelCount);
        var thresholds = new float[labelCount];
        var scores = new float[actual.Count];
        var truths = new bool[actual.Count];
        for (var k = 0; k < labelCount; k++)
        {
            for (var i = 0; i < actual.Count; i++)
            {
                scores[i] = float.IsNaN(probabilities[i][k])
                    ? throw new ArgumentException($"Sample {i} has a NaN probability for label {k}.", nameof(probabilities))
                    : probabilities[i][k];
                truths[i] = actual[i][k];
            }

            Array.Sort(scores, truths);
            var positives = truths.Count(t => t);
            thresholds[k] = BestThreshold(scores, truths, positives) is { } tuned
                ? (float)(fallback + ((tuned - (double)fallback) * positives / (positives + priorSupport)))
                : fallback;
        }

        return thresholds;
    }

    /// <summary>Sweeps cuts from the highest score down; null when there are no positives.</summary>
    private static float? BestThreshold(float[] ascendingScores, bool[] truths, long positives)
    {
        if (positives == 0)
        {
            return null;
        }

        long truePositives = 0;
        long falsePositives = 0;
        (long Numerator, long Denominator) best = (-1, 1);
        var bestThreshold = ascendingScores[0];
        var i = ascendingScores.Length - 1;
        while (i >= 0)
        {
            var value = ascendingScores[i];
            for (; i >= 0 && ascendingScores[i] == value; i--)
            {
                truePositives += truths[i] ? 1 : 0;
                falsePositives += truths[i] ? 0 : 1;
            }

            // F1 = 2TP / (2TP + FP + FN) = 2TP / (TP + FP + positives).
            var f1 = (Numerator: 2 * truePositives, Denominator: truePositives + falsePositives + positives);
            if (f1.Numerator * best.Denominator > best.Numerator * f1.Denominator)
            {
                best = f1;
                bestThreshold = i >= 0 ? Midpoint(ascendingScores[i], value) : value;
            }
        }

        return bestThreshold;
    }

    /// <summary>A threshold t with lower &lt; t ≤ upper, so that "p ≥ t" keeps upper and drops lower.</summary>
    private static float Midpoint(float lower, float upper)
    {
        var middle = (float)((lower + (double)upper) / 2);
        return middle > lower ? middle : upper;
    }
}
