using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;

namespace Platform.Benchmarks;

/// <summary>
/// ONNX Runtime running the original MiniLM export on the same token ids, batched and padded the same way
/// (length-sorted batches of 64, dynamic padding). It returns last_hidden_state: no pooler or classifier head.
/// Either ONNX Runtime's usual set-up (one pass at a time on one intra-op thread per core) or the predictor's
/// scheduling (<c>passesPerCore</c>: one single-threaded pass per core at once).
/// </summary>
internal sealed class OnnxBaseline : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames = ["last_hidden_state"];
    private readonly long _padId;

    private readonly bool _passesPerCore;

    public OnnxBaseline(string modelPath, int padId, bool passesPerCore = false)
    {
        _passesPerCore = passesPerCore;
        using var options = new SessionOptions
        {
            IntraOpNumThreads = passesPerCore ? 1 : Environment.ProcessorCount,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        _session = new InferenceSession(modelPath, options);
        _inputNames = [.. _session.InputMetadata.Keys];
        _padId = padId;
    }

    public InferenceFigures Run(IReadOnlyList<int[]> sequences, BenchmarkSizes sizes)
    {
        var order = sequences.OrderBy(s => s.Length).ToArray();
        RunBatches([.. order.Take(InferenceBenchmark.BatchSize * 2)]);
        var clock = Stopwatch.StartNew();
        RunBatches(order);
        var throughput = sequences.Count / clock.Elapsed.TotalSeconds;

        var next = 0;
        var latencies = Timing.Latencies(() => RunBatch([sequences[next++ % sequences.Count]]), sizes.LatencyWarmup, sizes.LatencyRuns);
        return new InferenceFigures(throughput, Timing.Percentile(latencies, 0.5), Timing.Percentile(latencies, 0.99));
    }

    public void Dispose() => _session.Dispose();

    private void RunBatches(int[][] sorted)
    {
        var batches = sorted.Chunk(InferenceBenchmark.BatchSize).ToArray();
        Parallel.ForEach(batches, new ParallelOptions { MaxDegreeOfParallelism = _passesPerCore ? Environment.ProcessorCount : 1 }, RunBatch);
    }

    private void RunBatch(int[][] batch)
    {
        var length = batch.Max(s => s.Length);
        var ids = new long[batch.Length * length];
        var mask = new long[ids.Length];
        Array.Fill(ids, _padId);
        for (var row = 0; row < batch.Length; row++)
        {
            for (var i = 0; i < batch[row].Length; i++)
            {
                ids[(row * length) + i] = batch[row][i];
                mask[(row * length) + i] = 1;
            }
        }

        long[] shape = [batch.Length, length];
        var inputs = _inputNames.Select(name => name switch
        {
            "input_ids" => OrtValue.CreateTensorValueFromMemory(ids, shape),
            "attention_mask" => OrtValue.CreateTensorValueFromMemory(mask, shape),
            _ => OrtValue.CreateTensorValueFromMemory(new long[ids.Length], shape),
        }).ToArray();
        try
        {
            using var runOptions = new RunOptions();
            using var outputs = _session.Run(runOptions, _inputNames, inputs, _outputNames);
        }
        finally
        {
            foreach (var input in inputs)
            {
                input.Dispose();
            }
        }
    }
}
