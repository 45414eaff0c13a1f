using Platform.Modeling.Evaluation;

namespace Platform.Modeling.Training;

/// <summary>Scores probabilities against gold labels the way early stopping needs: macro-F1 and accuracy (multi-label: subset accuracy, thresholds tuned on the same split and shrunk toward 0.5 where it has few positives).</summary>
internal static class ValidationScorer
{
    public static (double MacroF1, double Accuracy, float[]? Thresholds) Score(EncodedDataset dataset, float[][] probabilities)
    {
        if (!dataset.IsMultiLabel)
        {
            var actual = dataset.Examples.Select(e => e.Labels[0]).ToArray();
            var predicted = probabilities.Select(ArgMax).ToArray();
            var report = SingleLabelMetrics.Compute(actual, predicted, dataset.Labels);
            return (report.Macro.F1, report.Accuracy, null);
        }

        var gold = dataset.Examples.Select(e => ToMultiHot(e.Labels, dataset.Labels.Count)).ToArray();
        var thresholds = ThresholdTuner.Tune(gold, probabilities, priorSupport: ThresholdTuner.DefaultPriorSupport);
        var multi = MultiLabelMetrics.Compute(gold, probabilities, thresholds, dataset.Labels);
        return (multi.MacroF1, multi.SubsetAccuracy, thresholds);
    }

    public static int ArgMax(float[] values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }

    public static bool[] ToMultiHot(int[] labels, int count)
    {
        var hot = new bool[count];
        foreach (var label in labels)
        {
            hot[label] = true;
        }

        return hot;
    }
}
