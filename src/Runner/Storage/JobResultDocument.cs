using Platform.Shared.Jobs;

namespace Platform.Runner.Storage;

/// <summary>
/// Content of <c>jobs/{id}/result.json</c>, written once an attempt ended in a way a retry cannot change
/// (Succeeded, Cancelled): a redelivered message re-emits <see cref="Event"/> instead of training again.
/// </summary>
internal sealed record JobResultDocument(
    TrainingFinished Event,
    int Steps,
    bool Resumed,
    int? ResumedFromStep,
    double? TestMacroF1,
    string Device,
    DateTimeOffset FinishedAt);
