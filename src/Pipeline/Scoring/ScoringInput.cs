using Platform.Pipeline.Orchestration;

namespace Platform.Pipeline.Scoring;

/// <summary>
/// One batch scoring job: score <paramref name="InputBlob"/> of the scoring container with <paramref name="Model"/>
/// (its <paramref name="Version"/>, or the current one) into <paramref name="OutputBlob"/> of the results container,
/// at most <paramref name="MaxParallelChunks"/> chunks at once. The container names are the configured ones, for the job view.
/// </summary>
public sealed record ScoringInput(
    string JobId,
    string Model,
    string InputContainer,
    string InputBlob,
    string OutputContainer,
    string OutputBlob,
    string? Version,
    int MaxParallelChunks)
{
    /// <summary>When the job started (set by the orchestrator's first execution).</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>Set when the upload was refused before it could be scored (its path or options): the job fails at once.</summary>
    public UploadRejection? Rejection { get; init; }
}
