using Platform.Modeling.Packaging;
using Platform.Modeling.Serving;
using Platform.Modeling.Training;

namespace Platform.Modeling.FineTuning;

/// <summary>
/// Decides which exported graph is served: the validation split is scored through ONNX Runtime with <c>model.onnx</c> and
/// <c>model.int8.onnx</c>, and int8 is chosen only where it keeps validation accuracy within half a point of fp32.
/// </summary>
internal static class PrecisionSelector
{
    public static InferencePrecision Choose(OnnxScorer fp32, OnnxScorer int8, EncodedDataset validation, IReadOnlyList<float>? thresholds, int padId)
    {
        if (validation.Count == 0)
        {
            return InferencePrecision.Unmeasured;
        }

        var sequences = validation.Examples.Select(e => e.InputIds).ToArray();
        double Score(OnnxScorer scorer) => Accuracy(validation, scorer.Probabilities(sequences, 64, padId, validation.IsMultiLabel), thresholds);
        return InferencePrecision.Decide(Score(fp32), Score(int8));
    }

    private static double Accuracy(EncodedDataset data, float[][] probabilities, IReadOnlyList<float>? thresholds)
    {
        var (summary, _, _) = HeldOutEvaluator.Score(data, probabilities, thresholds);
        return summary.Accuracy ?? summary.SubsetAccuracy ?? 0;
    }
}
