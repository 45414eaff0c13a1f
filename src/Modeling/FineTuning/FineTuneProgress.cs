using Platform.Modeling.Training;

namespace Platform.Modeling.FineTuning;

/// <summary>A job's phase (<c>validating</c>, <c>loading</c>, <c>training</c>, <c>evaluating</c>, <c>packaging</c>) with the trainer's progress while training.</summary>
public sealed record FineTuneProgress(string Phase, TrainingProgress? Training = null);
