using Platform.Shared.Training;

namespace Platform.Modeling.Training;

/// <summary>Linear warmup from 0 to the peak, then linear decay to 0 at the last step.</summary>
internal sealed record LearningRateSchedule(double Peak, int WarmupSteps, int TotalSteps)
{
    /// <summary>The schedule of a run over <paramref name="trainExamples"/> with settled <paramref name="options"/>.</summary>
    public static LearningRateSchedule For(TrainingOptions options, int trainExamples)
    {
        var (epochs, peak) = AutoSettings.Require(options);
        var totalSteps = StepsPerEpoch(options, trainExamples) * epochs;
        if (options.MaxSteps > 0)
        {
            totalSteps = Math.Min(totalSteps, options.MaxSteps);
        }

        return new LearningRateSchedule(peak, (int)Math.Round(totalSteps * options.WarmupRatio), totalSteps);
    }

    /// <summary>Optimizer steps in one pass: batches, grouped by gradient accumulation (a last short group still steps).</summary>
    public static int StepsPerEpoch(TrainingOptions options, int trainExamples)
    {
        var batches = (trainExamples + options.BatchSize - 1) / options.BatchSize;
        return (batches + options.GradientAccumulationSteps - 1) / options.GradientAccumulationSteps;
    }

    public double At(int step)
    {
        if (WarmupSteps > 0 && step < WarmupSteps)
        {
            return Peak * (step + 1) / WarmupSteps;
        }

        var remaining = Math.Max(0, TotalSteps - step);
        var decaySteps = Math.Max(1, TotalSteps - WarmupSteps);
        return Peak * remaining / decaySteps;
    }
}
