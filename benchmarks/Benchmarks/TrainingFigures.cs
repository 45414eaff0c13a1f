using Platform.Modeling.Training;

namespace Platform.Benchmarks;

/// <summary>What the timed optimizer steps of one training run processed, and how long they took.</summary>
internal sealed record TrainingFigures(int Steps, double Seconds, StepTimes Times, long Sequences, long PaddedTokens, long RealTokens)
{
    public double SequencesPerSecond => Sequences / Seconds;

    /// <summary>Token positions the model computed, padding included.</summary>
    public double PaddedTokensPerSecond => PaddedTokens / Seconds;

    public double RealTokensPerSecond => RealTokens / Seconds;

    /// <summary>Share of the step time spent in clipping, AdamW and zeroing gradients, which does not shrink with sequence length.</summary>
    public double OptimizerShare => Times.Optimizer.TotalSeconds / Seconds;

    /// <summary>Share of the step time in the forward pass with the loss.</summary>
    public double ForwardShare => Times.Forward.TotalSeconds / Seconds;

    /// <summary>Share of the step time in the backward pass.</summary>
    public double BackwardShare => Times.Backward.TotalSeconds / Seconds;
}
