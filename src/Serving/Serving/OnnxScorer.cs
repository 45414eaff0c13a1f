using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Platform.Modeling.Onnx;

namespace Platform.Modeling.Serving;

/// <summary>
/// One exported classifier in ONNX Runtime: the session is created once and <see cref="InferenceSession.Run(IReadOnlyCollection{NamedOnnxValue})"/>
/// is thread-safe, so one scorer serves every thread. Session options, chosen for a CPU serving many short texts:
/// all graph optimizations (ONNX Runtime fuses LayerNorm, GELU and the int8 MatMuls), sequential execution (the graph
/// is a chain), the memory arena on so repeated batch shapes reuse their buffers, and one intra-op thread per pass with
/// one pass per core running at once. Splitting one pass of small matrices over several threads costs more in
/// synchronisation than it gains (MiniLM int8 on 2 cores: one pass on 2 threads scores 973 texts/s at batch 64 and 525
/// one text at a time; two single-threaded passes at once score 1,396 and 872).
/// </summary>
internal sealed class OnnxScorer : IDisposable
{
    private readonly InferenceSession _session;

    /// <param name="path">The exported graph (<c>model.onnx</c> or <c>model.int8.onnx</c>).</param>
    /// <param name="threadsPerPass">Intra-op threads of one forward pass; 0 or less: 1.</param>
    /// <param name="passes">Forward passes <see cref="Probabilities"/> runs at once; 0 or less: one per core left by <paramref name="threadsPerPass"/>.</param>
    public OnnxScorer(string path, int threadsPerPass = 1, int passes = 0)
    {
        threadsPerPass = Math.Max(1, threadsPerPass);
        Passes = passes > 0 ? passes : Math.Max(1, Environment.ProcessorCount / threadsPerPass);
        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            InterOpNumThreads = 1,
            IntraOpNumThreads = threadsPerPass,
            EnableCpuMemArena = true,
        };
        _session = new InferenceSession(path, options);
        Path = path;
    }

    /// <summary>How many forward passes run at once (callers that schedule passes themselves, like the request coalescer, run this many).</summary>
    public int Passes { get; }

    public string Path { get; }

    /// <summary>Per-label probabilities (softmax, or independent sigmoids for multi-label) in the order of <paramref name="sequences"/>.</summary>
    /// <remarks>
    /// Sequences are sorted by length and cut into batches of at most <paramref name="batchSize"/>, each padded to its
    /// longest, where padding would cost more than another pass (<see cref="ScoringBatches"/>).
    /// </remarks>
    /// <param name="sequences">Token ids, one array a text.</param>
    /// <param name="batchSize">Most sequences in one pass.</param>
    /// <param name="padId">The vocabulary's [PAD] id.</param>
    /// <param name="multiLabel">Sigmoids rather than a softmax.</param>
    /// <param name="parallel">Run up to <see cref="Passes"/> batches at once; false: one after another on the caller's thread.</param>
    public float[][] Probabilities(IReadOnlyList<int[]> sequences, int batchSize, int padId, bool multiLabel, bool parallel = true)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        var order = Enumerable.Range(0, sequences.Count).OrderBy(i => sequences[i].Length).ToArray();
        var ends = ScoringBatches.Plan([.. order.Select(i => sequences[i].Length)], batchSize);
        var result = new float[sequences.Count][];
        void Score(int batch)
        {
            var start = batch == 0 ? 0 : ends[batch - 1];
            var indices = order.AsSpan(start, ends[batch] - start).ToArray();
            var logits = Logits([.. indices.Select(i => sequences[i])], padId, out var labels);
            for (var row = 0; row < indices.Length; row++)
            {
                var values = logits.AsSpan(row * labels, labels).ToArray();
                result[indices[row]] = multiLabel ? Sigmoid(values) : Softmax(values);
            }
        }

        if (parallel && Passes > 1 && ends.Length > 1)
        {
            Parallel.For(0, ends.Length, new ParallelOptions { MaxDegreeOfParallelism = Passes }, Score);
        }
        else
        {
            for (var batch = 0; batch < ends.Length; batch++)
            {
                Score(batch);
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
