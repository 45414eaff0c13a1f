using Platform.Modeling.Bert;
using static TorchSharp.torch;

namespace Platform.Modeling.Training;

/// <summary>Runs a classifier over token sequences in length-sorted batches and returns per-label probabilities.</summary>
internal static class ModelScorer
{
    public static float[][] Probabilities(BertForSequenceClassification model, IReadOnlyList<int[]> sequences, int batchSize, int padId, bool multiLabel, Device device)
    {
        var order = Enumerable.Range(0, sequences.Count).OrderBy(i => sequences[i].Length).ToArray();
        var result = new float[sequences.Count][];
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var guard = inference_mode();
            for (var start = 0; start < order.Length; start += batchSize)
            {
                using var scope = NewDisposeScope();
                var indices = order.AsSpan(start, Math.Min(batchSize, order.Length - start)).ToArray();
                var (ids, mask) = BatchCollator.Inputs([.. indices.Select(i => sequences[i])], padId, device);
                var logits = model.forward(ids, mask).to_type(ScalarType.Float32);
                var probabilities = multiLabel ? sigmoid(logits) : nn.functional.softmax(logits, 1);
                var flat = probabilities.cpu().data<float>().ToArray();
                var labels = (int)logits.shape[1];
                for (var row = 0; row < indices.Length; row++)
                {
                    result[indices[row]] = flat.AsSpan(row * labels, labels).ToArray();
                }
            }
        }
        finally
        {
            model.train(wasTraining);
        }

        return result;
    }
}
