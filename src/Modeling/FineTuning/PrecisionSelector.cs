using Platform.Modeling.Bert;
using Platform.Modeling.Packaging;
using Platform.Modeling.Serving;
using Platform.Modeling.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Modeling.FineTuning;

/// <summary>
/// Decides the serving precision: bf16 only where the CPU computes it natively and it keeps the
/// validation accuracy within half a point of fp32; fp32 otherwise.
/// </summary>
internal static class PrecisionSelector
{
    public const double Tolerance = 0.005;

    public static InferencePrecision Choose(BertForSequenceClassification model, EncodedDataset validation, IReadOnlyList<float>? thresholds, int padId, Device device)
    {
        var sequences = validation.Examples.Select(e => e.InputIds).ToArray();
        var fp32 = Accuracy(validation, ModelScorer.Probabilities(model, sequences, 64, padId, validation.IsMultiLabel, device), thresholds);
        if (device.type != TorchSharp.DeviceType.CPU || !CpuFeatures.SupportsBf16 || validation.Count == 0)
        {
            return new InferencePrecision(InferencePrecision.Fp32, fp32, null);
        }

        var saved = TrainingCheckpoint.CloneToCpu(model);
        double bf16;
        try
        {
            model.to(ScalarType.BFloat16);
            bf16 = Accuracy(validation, ModelScorer.Probabilities(model, sequences, 64, padId, validation.IsMultiLabel, device), thresholds);
        }
        finally
        {
            model.to(ScalarType.Float32);
            using (no_grad())
            {
                foreach (var (name, parameter) in model.state_dict())
                {
                    parameter.copy_(saved[name]);
                }
            }

            foreach (var tensor in saved.Values)
            {
                tensor.Dispose();
            }
        }

        var precision = fp32 - bf16 <= Tolerance ? InferencePrecision.Bf16 : InferencePrecision.Fp32;
        return new InferencePrecision(precision, fp32, bf16);
    }

    private static double Accuracy(EncodedDataset data, float[][] probabilities, IReadOnlyList<float>? thresholds)
    {
        var (summary, _, _) = HeldOutEvaluator.Score(data, probabilities, thresholds);
        return summary.Accuracy ?? summary.SubsetAccuracy ?? 0;
    }
}
