using System.Diagnostics;
using Platform.Modeling.Bert;
using Platform.Modeling.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Platform.Benchmarks;

/// <summary>
/// Times full optimizer steps (forward, backward, clipping, AdamW) as <see cref="Trainer"/> runs them, at batch 32,
/// over SST-2 batches planned by <see cref="BatchPlanner"/>: either padded to 128 or dynamically padded.
/// </summary>
internal sealed class TrainingBenchmark(BenchmarkData data, BenchmarkSizes sizes)
{
    public const int BatchSize = 32;
    private const int GroupingFactor = 50;
    private const int Seed = 42;

    /// <param name="fixedLength">Pad every batch to 128 rather than to its longest sequence.</param>
    /// <param name="compute">The 16-bit type matrix products run in (<see cref="MixedPrecision"/>), or null for fp32.</param>
    public TrainingFigures Run(bool fixedLength, ScalarType? compute = null)
    {
        using var model = data.CreateModel();
        model.train();
        using var optimizer = CreateOptimizer(model);
        var plan = BatchPlanner.Plan(data.Encoded.Examples, BatchSize, GroupingFactor, Seed, epoch: 0);
        var steps = fixedLength ? sizes.FixedSteps : sizes.DynamicSteps;
        for (var b = 0; b < sizes.WarmupSteps; b++)
        {
            Step(model, optimizer, plan[b % plan.Count], fixedLength, compute);
        }

        long sequences = 0, padded = 0, real = 0, optimizerTicks = 0;
        var clock = Stopwatch.StartNew();
        for (var s = 0; s < steps; s++)
        {
            var batch = plan[(sizes.WarmupSteps + s) % plan.Count];
            var (computed, ticks) = Step(model, optimizer, batch, fixedLength, compute);
            padded += computed;
            optimizerTicks += ticks;
            sequences += batch.Length;
            real += batch.Sum(i => (long)data.Encoded.Examples[i].InputIds.Length);
        }

        return new TrainingFigures(steps, clock.Elapsed.TotalSeconds, (double)optimizerTicks / Stopwatch.Frequency, sequences, padded, real);
    }

    /// <summary>The same parameter groups as <see cref="Trainer"/>: no weight decay on biases and layer norms.</summary>
    private static AdamW CreateOptimizer(BertForSequenceClassification model)
    {
        static bool NoDecay(string name) => name.EndsWith(".bias", StringComparison.Ordinal) || name.Contains("LayerNorm", StringComparison.Ordinal);
        var decay = model.named_parameters().Where(p => !NoDecay(p.name)).Select(p => p.parameter);
        var noDecay = model.named_parameters().Where(p => NoDecay(p.name)).Select(p => p.parameter);
        return optim.AdamW(
            [new AdamW.ParamGroup(decay, new AdamW.Options { weight_decay = 0.01 }), new AdamW.ParamGroup(noDecay, new AdamW.Options { weight_decay = 0 })],
            lr: 5e-5);
    }

    /// <summary>One optimizer step; returns the token positions computed (batch × padded length) and the stopwatch ticks spent after backward.</summary>
    private (long Computed, long OptimizerTicks) Step(BertForSequenceClassification model, AdamW optimizer, int[] indices, bool fixedLength, ScalarType? compute)
    {
        using var scope = NewDisposeScope();
        var batch = indices.Select(i => data.Encoded.Examples[i]).ToArray();
        var padId = data.Tokenizer.PadId;
        var (ids, mask) = BatchCollator.Inputs([.. batch.Select(e => e.InputIds)], padId, CPU);
        if (fixedLength)
        {
            var extra = BenchmarkData.MaxLength - ids.shape[1];
            ids = nn.functional.pad(ids, [0, extra], value: padId);
            mask = nn.functional.pad(mask, [0, extra], value: 0);
        }

        var targets = BatchCollator.Targets(batch, data.Encoded.Labels.Count, multiLabel: false, CPU);
        Tensor logits;
        using (MixedPrecision.Enter(compute))
        {
            logits = model.forward(ids, mask);
        }

        var loss = LossFunctions.Compute(logits, targets, multiLabel: false, weights: null);
        loss.backward();
        var optimizerStart = Stopwatch.GetTimestamp();
        nn.utils.clip_grad_norm_(model.parameters(), 1.0);
        optimizer.step();
        optimizer.zero_grad();
        return (ids.shape[0] * ids.shape[1], Stopwatch.GetTimestamp() - optimizerStart);
    }
}
