namespace Platform.Modeling.Training;

/// <summary>Where fp16 loss scaling stands: the factor, clean steps since it last changed, and the steps skipped for overflow.</summary>
internal sealed record LossScaleState(double Scale, int GoodSteps, int SkippedSteps);
