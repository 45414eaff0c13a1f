namespace Platform.Shared.Jobs;

/// <summary>Storage-queue message on <c>training-events</c> from the runner to the orchestration; a success carries the best validation macro-F1 and the optimizer steps taken.</summary>
public sealed record TrainingFinished(
    string JobId,
    int Attempt,
    TrainingOutcome Outcome,
    string? ErrorCode = null,
    string? Error = null,
    string? ModelPrefix = null,
    double? ValidationMacroF1 = null,
    int? Steps = null);
