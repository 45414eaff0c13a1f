using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Platform.Modeling.Onnx;

namespace Platform.Modeling.Serving;

/// <summary>
/// One exported classifier in ONNX Runtime: the session is created once and <see cref="InferenceSession.Run(IReadOnlyCollection{NamedOnnxValue})"/>
/// is thread-safe, so one scorer serves every thread. Session options, chosen for a CPU serving many short texts:
/// all graph optimizations (ONNX Runtime fuses LayerNorm, GELU, attention and the int8 MatMuls), one inter-op thread
/// (sequential execution: the graph is a chain), intra-op threads = the machine's cores, and the memory arena on so
/// repeated batch shapes reuse their buffers.
/// </summary>
internal sealed class OnnxScorer : IDisposable
{
    private readonly InferenceSession _session;

    public OnnxScorer(string path, int intraOpThreads = 0)
    {
        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            InterOpNumThreads = 1,
            IntraOpNumThreads = intraOpThreads > 0 ? intraOpThreads : Environment.ProcessorCount,
            EnableCpuMemArena = true,
        };
        _session = new InferenceSession(path, options);
        Path = path;
    }

    public string Path { get; }

    /// <summary>Per-label probabilities (softmax, or independent sigmoids for multi-label) in the order of <paramref name="sequences"/>.</summary>
    /// <remarks>Sequences are scored in length-sorted batches of at most <paramref name="batchSize"/>, each padded to its longest.</remarks>
    public float[][] Probabilities(IReadOnlyList<int[]> sequences, int batchSize, int padId, bool multiLabel)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        var order = Enumerable.Range(0, sequences.Count).OrderBy(i => sequences[i].Length).ToArray();
        var result = new float[sequences.Count][];
        for (var start = 0; start < order.Length; start += batchSize)
        {
            var indices = order.AsSpan(start, Math.Min(batchSize, order.Length - start)).ToArray();
            var logits = Logits([.. indices.Select(i => sequences[i])], padId, out var labels);
            for (var row = 0; row < indices.Length; row++)
            {
                var values = logits.AsSpan(row * labels, labels).ToArray();
                result[indices[row]] = multiLabel ? Sigmoid(values) : Softmax(values);
            }
        }

        return result;
    }

    /// <summary>Logits [batch, labels], row-major, for one batch padded to its longest sequence.</summary>
    public float[] Logits(IReadOnlyList<int[]> batch, int padId, out int labels)
    {
        var length = batch.Max(s => s.Length);
        var ids = new long[batch.Count * length];
        var mask = new long[batch.Count * length];
        Array.Fill(ids, padId);
        for (var row = 0; row < batch.Count; row++)
        {
            var sequence = batch[row];
            for (var column = 0; column < sequence.Length; column++)
            {
                ids[(row * length) + column] = sequence[column];
                mask[(row * length) + column] = 1;
            }
        }

        int[] shape = [batch.Count, length];
        using var results = _session.Run(
        [
            NamedOnnxValue.CreateFromTensor(BertOnnxExporter.InputIds, new DenseTensor<long>(ids, shape)),
            NamedOnnxValue.CreateFromTensor(BertOnnxExporter.AttentionMask, new DenseTensor<long>(mask, shape)),
        ]);
        var output = results.Single(r => r.Name == BertOnnxExporter.Logits).AsTensor<float>();
        labels = output.Dimensions[1];
        return [.. output];
    }

    public void Dispose() => _session.Dispose();

    private static float[] Softmax(float[] logits)
    {
        var max = logits.Max();
        var sum = 0.0;
        var result = new float[logits.Length];
        for (var i = 0; i < logits.Length; i++)
        {
            result[i] = MathF.Exp(logits[i] - max);
            sum += result[i];
        }

        for (var i = 0; i < result.Length; i++)
        {
            result[i] = (float)(result[i] / sum);
        }

        return result;
    }

    private static float[] Sigmoid(float[] logits) => [.. logits.Select(x => 1f / (1f + MathF.Exp(-x)))];
}
