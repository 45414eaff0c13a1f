using Platform.Modeling.Serving;
using Platform.Shared.Training;
using System.Diagnostics;
using Platform.Modeling.Bert;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Platform.Modeling.Training;

/// <summary>
/// Fine-tunes a <see cref="BertForSequenceClassification"/>: AdamW with linear warmup and decay,
/// gradient clipping and accumulation, dynamic padding over length-grouped batches, evaluation each
/// epoch (and every N steps), early stopping on validation macro-F1, the best weights kept, and
/// checkpoints that a later run resumes from exactly. <paramref name="checkpointSaved"/> runs on the
/// training thread after each checkpoint, so the folder is stable while it runs (e.g. to mirror it).
/// </summary>
internal sealed class Trainer(TrainingOptions options, int padId, string? checkpointDirectory = null, Action<CheckpointSaved>? checkpointSaved = null)
{
    /// <summary>The most points of the training-loss curve a run records.</summary>
    public const int MaxLossPoints = 200;

    // The trainer runs settled options: AutoSettings fills what was left to the platform first.
    private readonly (int Epochs, double LearningRate) _settled = AutoSettings.Require(options);

    public TrainingResult Train(
        BertForSequenceClassification model,
        EncodedDataset train,
        EncodedDataset validation,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var device = DeviceSelector.Resolve(options.Device);
        model.to(device);
        model.train();
        using var step = new TrainingStep(model, options, _settled.LearningRate, device, padId);

        var schedule = LearningRateSchedule.For(options, train.Count);
        var totalSteps = schedule.TotalSteps;
        var lossInterval = LossInterval(totalSteps);
        var fingerprint = RunFingerprint.Compute(options, train, validation);
        var state = new TrainerState { Seed = options.Seed, TotalSteps = totalSteps, Fingerprint = fingerprint };
        Dictionary<string, Tensor>? best = null;
        var resumed = false;
        if (checkpointDirectory is not null && TrainingCheckpoint.TryLoad(checkpointDirectory, model, step.Optimizer, fingerprint) is { } saved)
        {
            state = saved.State;
            step.Lazy?.Load(saved.Directory, state.EmbeddingSteps);
            step.RestoreScale(state.LossScale);
            best = saved.Best;
            random.set_rng_state(tensor(Convert.FromBase64String(state.RngState)));
            resumed = true;
        }
        else
        {
            random.manual_seed(options.Seed);
        }

        using var lossWeights = LossFunctions.ClassWeights(train, options.ClassWeighting, device);
        var clock = Stopwatch.StartNew();
        var startStep = state.GlobalStep;
        var startedAt = DateTimeOffset.UtcNow;
        var earlierRuns = state.Runs;
        // Every checkpoint records the runs so far, this one up to the checkpoint: a resume then knows them all.
        TrainerState WithRuns(TrainerState s) => s with { Runs = [.. earlierRuns, new TrainingRun(startStep, s.GlobalStep, clock.Elapsed.TotalSeconds, startedAt)] };
        var sequences = 0L;
        var stoppedEarly = false;

        for (var epoch = state.Epoch; epoch < _settled.Epochs && state.GlobalStep < totalSteps && !stoppedEarly; epoch++)
        {
            var plan = BatchPlanner.Plan(train.Examples, options.BatchSize, options.LengthGroupingFactor, options.Seed, epoch);
            var firstBatch = epoch == state.Epoch ? state.NextBatch : 0;
            var pending = 0;
            for (var b = firstBatch; b < plan.Count && state.GlobalStep < totalSteps; b++)
            {
                if (pending == 0 && cancellationToken.IsCancellationRequested)
                {
                    Checkpoint(step, WithRuns(state with { Epoch = epoch, NextBatch = b }), best);
                    cancellationToken.ThrowIfCancellationRequested();
                }

                var batch = plan[b].Select(i => train.Examples[i]).ToArray();
                var loss = step.Forward(batch, train.Labels.Count, train.IsMultiLabel, lossWeights, options.GradientAccumulationSteps);
                state = state with
                {
                    LossSum = state.LossSum + loss,
                    LossCount = state.LossCount + 1,
                    WindowLossSum = state.WindowLossSum + loss,
                    WindowLossCount = state.WindowLossCount + 1,
                };
                sequences += batch.Length;
                pending++;
                var endOfEpoch = b == plan.Count - 1;
                if (pending < options.GradientAccumulationSteps && !endOfEpoch)
                {
                    continue;
                }

                var learningRate = schedule.At(state.GlobalStep);
                step.Apply(learningRate);
                pending = 0;
                state = state with { GlobalStep = state.GlobalStep + 1, Epoch = epoch, NextBatch = b + 1 };
                if (state.GlobalStep % lossInterval == 0 || state.GlobalStep == totalSteps)
                {
                    state = LogLoss(state);
                }

                Report(progress, "train", state, epoch, learningRate, clock, sequences, startStep, null);

                var evaluate = endOfEpoch || state.GlobalStep == totalSteps
                    || (options.EvaluateEverySteps > 0 && state.GlobalStep % options.EvaluateEverySteps == 0);
                if (evaluate)
                {
                    (state, best, stoppedEarly) = Evaluate(model, validation, state, epoch, best, device);
                    Report(progress, "evaluate", state, epoch, learningRate, clock, sequences, startStep, state.History[^1].MacroF1);
                }

                var next = endOfEpoch ? state with { Epoch = epoch + 1, NextBatch = 0 } : state;
                if (evaluate || (options.CheckpointEverySteps > 0 && state.GlobalStep % options.CheckpointEverySteps == 0))
                {
                    Checkpoint(step, WithRuns(next), best);
                }

                state = next;
                if (stoppedEarly)
                {
                    break;
                }
            }
        }

        if (state.WindowLossCount > 0)
        {
            // Stopped early between two points of the curve: the last steps still count.
            state = LogLoss(state);
        }

        if (best is not null)
        {
            using var guard = no_grad();
            foreach (var (name, parameter) in model.state_dict())
            {
                parameter.copy_(best[name]);
            }
        }

        model.eval();
        var elapsed = clock.Elapsed;
        return new TrainingResult(
            state.GlobalStep,
            state.BestStep,
            state.BestMacroF1,
            stoppedEarly,
            resumed,
            elapsed,
            sequences / Math.Max(elapsed.TotalSeconds, 1e-9),
            state.History,
            state.Thresholds,
            WithRuns(state).Runs,
            state.Losses)
        {
            Precision = step.Precision,
            SkippedSteps = step.Scaler?.State.SkippedSteps ?? 0,
        };
    }

    /// <summary>Steps between two points of the loss curve: 1 for short runs, so that a run records at most <see cref="MaxLossPoints"/>.</summary>
    public static int LossInterval(int totalSteps) => Math.Max(1, (int)Math.Ceiling(totalSteps / (double)MaxLossPoints));

    private static TrainerState LogLoss(TrainerState state) => state with
    {
        Losses = [.. state.Losses, new StepValue(state.GlobalStep, state.WindowLossSum / state.WindowLossCount)],
        WindowLossSum = 0,
        WindowLossCount = 0,
    };

    private (TrainerState State, Dictionary<string, Tensor>? Best, bool Stop) Evaluate(
        BertForSequenceClassification model, EncodedDataset validation, TrainerState state, int epoch, Dictionary<string, Tensor>? best, Device device)
    {
        var probabilities = ModelScorer.Probabilities(model, [.. validation.Examples.Select(e => e.InputIds)], Math.Max(options.BatchSize, 64), padId, validation.IsMultiLabel, device);
        var (macroF1, accuracy, thresholds) = ValidationScorer.Score(validation, probabilities);
        var trainLoss = state.LossCount == 0 ? 0 : state.LossSum / state.LossCount;
        var history = new List<EvaluationRecord>(state.History) { new(state.GlobalStep, epoch + 1, trainLoss, macroF1, accuracy) };
        state = state with { History = history, LossSum = 0, LossCount = 0 };
        if (macroF1 > state.BestMacroF1 + 1e-9)
        {
            if (best is not null)
            {
                foreach (var tensor in best.Values)
                {
                    tensor.Dispose();
                }
            }

            best = TrainingCheckpoint.CloneToCpu(model);
            return (state with { BestMacroF1 = macroF1, BestStep = state.GlobalStep, EvaluationsWithoutImprovement = 0, Thresholds = thresholds?.ToList() }, best, false);
        }

        var stale = state.EvaluationsWithoutImprovement + 1;
        return (state with { EvaluationsWithoutImprovement = stale }, best, options.EarlyStoppingPatience > 0 && stale >= options.EarlyStoppingPatience);
    }

    /// <summary>Saves the weights, the optimizers' state (AdamW, the lazy embedding's moments, fp16 loss scaling) and the position.</summary>
    private void Checkpoint(TrainingStep step, TrainerState state, Dictionary<string, Tensor>? best)
    {
        if (checkpointDirectory is null)
        {
            return;
        }

        using var rng = random.get_rng_state();
        var saved = state with
        {
            RngState = Convert.ToBase64String(rng.data<byte>().ToArray()),
            LossScale = step.Scaler?.State,
            EmbeddingSteps = step.Lazy?.Steps ?? 0,
        };
        TrainingCheckpoint.Save(checkpointDirectory, step.Model, step.Optimizer, saved, best, step.Lazy is null ? null : step.Lazy.Save);
        checkpointSaved?.Invoke(new CheckpointSaved(checkpointDirectory, state.GlobalStep));
    }

    private void Report(IProgress<TrainingProgress>? progress, string phase, TrainerState state, int epoch, double learningRate, Stopwatch clock, long sequences, int startStep, double? macroF1)
    {
        if (progress is null)
        {
            return;
        }

        var done = state.GlobalStep - startStep;
        var perStep = done > 0 ? clock.Elapsed / done : TimeSpan.Zero;
        var eta = done > 0 ? perStep * (state.TotalSteps - state.GlobalStep) : (TimeSpan?)null;
        var loss = state.LossCount == 0 ? (state.History.Count > 0 ? state.History[^1].TrainLoss : 0) : state.LossSum / state.LossCount;
        progress.Report(new TrainingProgress(
            phase, epoch + 1, _settled.Epochs, state.GlobalStep, state.TotalSteps, loss, learningRate,
            sequences / Math.Max(clock.Elapsed.TotalSeconds, 1e-9), eta, macroF1,
            state.BestStep < 0 ? null : state.BestMacroF1,
            state.Losses,
            state.History));
    }
}
