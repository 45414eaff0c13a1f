using System.Diagnostics;
using Platform.Modeling.Bert;
using Platform.Modeling.Onnx;
using Platform.Modeling.Serving;
using Platform.Modeling.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Benchmarks;

/// <summary>
/// Our TorchSharp classifier through <see cref="ModelScorer"/> (the predictor's path): length-sorted batches of 64
/// with dynamic padding, and one text at a time for latency; in fp32 or bf16.
/// </summary>
internal sealed class InferenceBenchmark(BenchmarkData data, BenchmarkSizes sizes)
{
    public const int BatchSize = 64;

    public InferenceFigures Run(IReadOnlyList<int[]> sequences, bool bf16)
    {
        using var model = data.CreateModel();
        if (bf16)
        {
            model.to(ScalarType.BFloat16);
        }

        model.eval();
        Score(model, [.. sequences.Take(BatchSize * 2)], BatchSize);
        var clock = Stopwatch.StartNew();
        Score(model, sequences, BatchSize);
        var throughput = sequences.Count / clock.Elapsed.TotalSeconds;

        var next = 0;
        var latencies = Timing.Latencies(() => Score(model, [sequences[next++ % sequences.Count]], 1), sizes.LatencyWarmup, sizes.LatencyRuns);
        return new InferenceFigures(throughput, Timing.Percentile(latencies, 0.5), Timing.Percentile(latencies, 0.99));
    }

    /// <summary>The served path: the classifier exported as the package exports it, scored by <see cref="OnnxScorer"/>.</summary>
    public InferenceFigures RunServed(IReadOnlyList<int[]> sequences, OnnxWeights format)
    {
        var directory = Directory.CreateTempSubdirectory("bench-onnx-").FullName;
        try
        {
            var path = Path.Combine(directory, "model.onnx");
            using (var model = data.CreateModel())
            {
                var weightsPath = Path.Combine(directory, "model.safetensors");
                TrainingCheckpoint.SaveWeights(weightsPath, model.state_dict());
                BertOnnxExporter.Export(SafetensorsReader.Read(weightsPath), model.Config, path, format);
            }

            using var scorer = new OnnxScorer(path);
            var padId = data.Tokenizer.PadId;
            scorer.Probabilities([.. sequences.Take(BatchSize * 2)], BatchSize, padId, multiLabel: false);
            var clock = Stopwatch.StartNew();
            scorer.Probabilities(sequences, BatchSize, padId, multiLabel: false);
            var throughput = sequences.Count / clock.Elapsed.TotalSeconds;
            var next = 0;
            var latencies = Timing.Latencies(() => scorer.Probabilities([sequences[next++ % sequences.Count]], 1, padId, multiLabel: false), sizes.LatencyWarmup, sizes.LatencyRuns);
            return new InferenceFigures(throughput, Timing.Percentile(latencies, 0.5), Timing.Percentile(latencies, 0.99));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private void Score(BertForSequenceClassification model, IReadOnlyList<int[]> sequences, int batchSize) =>
        ModelScorer.Probabilities(model, sequences, batchSize, data.Tokenizer.PadId, multiLabel: false, CPU);
}
