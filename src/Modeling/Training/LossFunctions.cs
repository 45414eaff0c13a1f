using Platform.Shared.Training;
using static TorchSharp.torch;

namespace Platform.Modeling.Training;

/// <summary>Cross-entropy for single-label problems, BCE-with-logits for multi-label, with optional balanced weights.</summary>
internal static class LossFunctions
{
    public static Tensor Compute(Tensor logits, Tensor targets, bool multiLabel, Tensor? weights) => multiLabel
        ? nn.functional.binary_cross_entropy_with_logits(logits, targets, pos_weights: weights)
        : nn.functional.cross_entropy(logits, targets, weight: weights);

    /// <summary>
    /// Balanced weights from the training split: n / (k · n_c) per class for single-label (scikit-learn's
    /// formula); for multi-label, BCE's positive weight (n − n_c) / n_c per label, capped at 100.
    /// </summary>
    public static Tensor? ClassWeights(EncodedDataset train, ClassWeighting weighting, Device device)
    {
        if (weighting == ClassWeighting.None)
        {
            return null;
        }

        var counts = new double[train.Labels.Count];
        foreach (var example in train.Examples)
        {
            foreach (var label in example.Labels)
            {
                counts[label]++;
            }
        }

        var n = (double)train.Count;
        var weights = counts.Select(c => c == 0 ? 1.0 : train.IsMultiLabel ? Math.Min(100, (n - c) / c) : n / (counts.Length * c)).Select(w => (float)w).ToArray();
        return tensor(weights, device: device);
    }
}
