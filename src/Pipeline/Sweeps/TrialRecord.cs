using System.Text.Json;

namespace Platform.Pipeline.Sweeps;

/// <summary>
/// One trial as the sweep's <c>sweep.json</c>, the job view and the model card list it: its options, outcome, best
/// validation macro-F1, optimizer steps and time (orchestration clock, from its start to the sweep seeing it end).
/// </summary>
public sealed record TrialRecord(
    int Number,
    string JobId,
    IReadOnlyDictionary<string, JsonElement> Options,
    string Outcome,
    double? BestValidationMacroF1 = null,
    int? Steps = null,
    DateTimeOffset? StartedAt = null,
    DateTimeOffset? FinishedAt = null,
    string? Error = null,
    bool Winner = false)
{
    /// <summary>Seconds from start to end; null until it ended.</summary>
    public double? Seconds => StartedAt is { } s && FinishedAt is { } f ? (f - s).TotalSeconds : null;

    [System.Text.Json.Serialization.JsonIgnore]
    public bool Ended => Outcome is not (TrialOutcomes.Pending or TrialOutcomes.Running);
}
