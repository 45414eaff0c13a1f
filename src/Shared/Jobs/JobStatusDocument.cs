using Platform.Shared.Training;

namespace Platform.Shared.Jobs;

/// <summary>Content of <c>jobs/{id}/status.json</c>: the runner's heartbeat and progress.</summary>
public sealed record JobStatusDocument
{
    public required string JobId { get; init; }

    /// <summary>The attempt the runner last took. A runner drops a <see cref="TrainingJobRequested"/> of an older attempt.</summary>
    public int Attempt { get; init; }

    /// <summary>
    /// When a runner took <see cref="Attempt"/> off the queue: written with the first document of the attempt and kept by
    /// later deliveries of the same attempt (a redelivery after a lost runner), so a watchdog can count from here rather
    /// than from the dispatch. Null in documents written before the field existed.
    /// </summary>
    public DateTimeOffset? TakenAt { get; init; }

    /// <summary>One of <see cref="RunnerPhases"/>: <c>loading</c>, <c>training</c>, <c>evaluating</c>, <c>uploading</c>, <c>finished</c>, ….</summary>
    public required string Phase { get; init; }

    /// <summary>The step of the mirrored checkpoint this delivery continued from; null when it started from the beginning.</summary>
    public int? ResumedFromStep { get; init; }

    public double Percent { get; init; }

    public int Epoch { get; init; }

    public int Epochs { get; init; }

    public int Step { get; init; }

    public int TotalSteps { get; init; }

    public double? Loss { get; init; }

    public double? LearningRate { get; init; }

    public double? SequencesPerSecond { get; init; }

    public double? EtaSeconds { get; init; }

    public double? ValidationMacroF1 { get; init; }

    public double? BestValidationMacroF1 { get; init; }

    /// <summary>The training-loss curve so far: the mean loss every few optimizer steps (at most 200 points).</summary>
    public IReadOnlyList<StepValue>? LossHistory { get; init; }

    /// <summary>Validation macro-F1 at each evaluation so far.</summary>
    public IReadOnlyList<StepValue>? ValidationHistory { get; init; }

    public DateTimeOffset HeartbeatAt { get; init; }

    public string? Error { get; init; }
}
