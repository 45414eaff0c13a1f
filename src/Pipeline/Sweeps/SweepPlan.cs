namespace Platform.Pipeline.Sweeps;

/// <summary>
/// A job's hyperparameter sweep, expanded when the job is started: every trial's training options, how many run at once,
/// and how long the sweep may take before what still runs is cancelled and the best finished trial is published.
/// </summary>
public sealed record SweepPlan(IReadOnlyList<SweepTrial> Trials, int MaxParallelTrials, TimeSpan? MaxRuntime);
