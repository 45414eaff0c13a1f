namespace Platform.Pipeline.Sweeps;

/// <summary>Marks a training run as trial <paramref name="Number"/> of sweep job <paramref name="SweepJobId"/>: it trains on the sweep's splits and is neither evaluated nor published on its own.</summary>
public sealed record TrialRun(string SweepJobId, int Number)
{
    /// <summary>The trial's job id, derived from its sweep's: its orchestration instance and its folder in <c>jobs</c>.</summary>
    public static string JobId(string sweepJobId, int number) => $"{sweepJobId}-trial-{number}";
}
