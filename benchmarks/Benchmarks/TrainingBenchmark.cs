using System.Diagnostics;
using Platform.Modeling.Bert;
using Platform.Modeling.Training;
using Platform.Shared.Training;
using static TorchSharp.torch;

namespace Platform.Benchmarks;

/// <summary>
/// Times full optimizer steps (forward, backward, clipping, AdamW) as <see cref="Trainer"/> runs them (<see cref="TrainingStep"/>), at batch 32,
/// over SST-2 batches planned by <see cref="BatchPlanner"/>: either padded to 128 or dynamically padded.
/// </summary>
internal sealed class TrainingBenchmark(BenchmarkData data, BenchmarkSizes sizes)
{
    public const int BatchSize = 32;
    private const int GroupingFactor = 50;
    private const int Seed = 42;

    /// <param name="fixedLength">Pad every batch to 128 rather than to its longest sequence.</param>
    /// <param name="precision">The precision matrix products run in (<see cref="MixedPrecision"/>).</param>
    /// <param name="embedding">How the word embedding is updated.</param>
    /// <param name="stepSizes">Other step counts for this run (emulated bf16 is too slow for the full ones), or null for the benchmark's.</param>
    public TrainingFigures Run(bool fixedLength, TrainingPrecision precision = TrainingPrecision.Fp32, EmbeddingUpdate embedding = EmbeddingUpdate.Lazy, BenchmarkSizes? stepSizes = null)
    {
        var counts = stepSizes ?? sizes;
        using var model = data.CreateModel();
        model.train();
        var options = new TrainingOptions { LearningRate = 5e-5, WeightDecay = 0.01, MaxGradNorm = 1.0, Precision = precision, EmbeddingUpdate = embedding };
        using var step = new TrainingStep(model, options, options.LearningRate!.Value, CPU, data.Tokenizer.PadId);
        var plan = BatchPlanner.Plan(data.Encoded.Examples, BatchSize, GroupingFactor, Seed, epoch: 0);
        var steps = fixedLength ? counts.FixedSteps : counts.DynamicSteps;
        for (var b = 0; b < counts.WarmupSteps; b++)
        {
            Step(step, plan[b % plan.Count], fixedLength);
        }

        long sequences = 0, padded = 0, real = 0;
        var before = step.Times;
        var clock = Stopwatch.StartNew();
        for (var s = 0; s < steps; s++)
        {
            var batch = plan[(counts.WarmupSteps + s) % plan.Count];
            padded += Step(step, batch, fixedLength);
            sequences += batch.Length;
            real += batch.Sum(i => (long)data.Encoded.Examples[i].InputIds.Length);
        }

        return new TrainingFigures(steps, clock.Elapsed.TotalSeconds, step.Times - before, sequences, padded, real);
    }

    /// <summary>One optimizer step; returns the token positions computed (batch × padded length).</summary>
    private long Step(TrainingStep step, int[] indices, bool fixedLength)
    {
        var batch = indices.Select(i => data.Encoded.Examples[i]).ToArray();
        step.Forward(batch, data.Encoded.Labels.Count, multiLabel: false, lossWeights: null, padTo: fixedLength ? BenchmarkData.MaxLength : null);
        step.Apply(5e-5);
        var length = fixedLength ? BenchmarkData.MaxLength : batch.Max(e => e.InputIds.Length);
        return batch.Length * (long)length;
    }
}
