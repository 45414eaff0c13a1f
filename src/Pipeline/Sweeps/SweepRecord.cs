namespace Platform.Pipeline.Sweeps;

/// <summary>Content of <c>jobs/{id}/sweep.json</c>: every trial of a sweep job, rewritten by the orchestration each time one starts or ends.</summary>
public sealed record SweepRecord(string JobId, int MaxParallelTrials, TimeSpan? MaxRuntime, IReadOnlyList<TrialRecord> Trials, string? StoppedBecause = null);
