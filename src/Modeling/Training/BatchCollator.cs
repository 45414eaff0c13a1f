using static TorchSharp.torch;

namespace Platform.Modeling.Training;

/// <summary>Pads a batch to its longest member (dynamic padding) and builds the label targets.</summary>
internal static class BatchCollator
{
    public static (Tensor InputIds, Tensor AttentionMask) Inputs(IReadOnlyList<int[]> sequences, int padId, Device device)
    {
        var length = sequences.Max(s => s.Length);
        var ids = new long[sequences.Count * length];
        var mask = new long[sequences.Count * length];
        for (var row = 0; row < sequences.Count; row++)
        {
            var sequence = sequences[row];
            var offset = row * length;
            for (var i = 0; i < length; i++)
            {
                var present = i < sequence.Length;
                ids[offset + i] = present ? sequence[i] : padId;
                mask[offset + i] = present ? 1 : 0;
            }
        }

        return (tensor(ids, [sequences.Count, length], device: device), tensor(mask, [sequences.Count, length], device: device));
    }

    /// <summary>Class indices [batch] for single-label, a multi-hot float matrix [batch, labels] for multi-label.</summary>
    public static Tensor Targets(IReadOnlyList<EncodedExample> batch, int labelCount, bool multiLabel, Device device)
    {
        if (!multiLabel)
        {
            return tensor(batch.Select(e => (long)e.Labels[0]).ToArray(), device: device);
        }

        var hot = new float[batch.Count * labelCount];
        for (var row = 0; row < batch.Count; row++)
        {
            foreach (var label in batch[row].Labels)
            {
                hot[(row * labelCount) + label] = 1f;
            }
        }

        return tensor(hot, [batch.Count, labelCount], device: device);
    }
}
