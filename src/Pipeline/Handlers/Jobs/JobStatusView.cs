using System.Text.Json;
using Microsoft.DurableTask.Client;
using Platform.Pipeline.Scoring;
using Platform.Pipeline.Sweeps;
using Platform.Shared.Jobs;

namespace Platform.Pipeline.Handlers.Jobs;

/// <summary>
/// Answer of <c>GET /api/jobs/{id}</c>: the orchestration's state and phase merged with the runner's
/// progress (<c>status.json</c>) and the validation report; for a scoring job, its <see cref="Scoring"/> part.
/// </summary>
/// <param name="Id">The job id (the orchestration instance id).</param>
/// <param name="RuntimeStatus">The orchestration's runtime status: pending, running, completed, failed, terminated, suspended.</param>
/// <param name="Phase">
/// The orchestrator's custom status: validating, queued, training, evaluating, publishing, completed, failed or cancelled;
/// queued reads training as soon as the runner's status.json shows it took the attempt in flight.
/// </param>
/// <param name="Terminal">True when the orchestration will not change any more.</param>
/// <param name="CreatedAt">When the job was started (its first execution, whatever ContinueAsNew did since).</param>
/// <param name="LastUpdatedAt">When the orchestration last changed.</param>
/// <param name="Progress">The runner's last heartbeat: percent, epoch, step, loss, sequences/s, ETA, validation macro-F1.</param>
/// <param name="Output">The orchestration's output: a <c>PipelineResult</c> (outcome, errorCode and error, metrics, version, promotion) in this API's JSON shape.</param>
/// <param name="Failure">Why the orchestration failed, when it did.</param>
/// <param name="ValidationReport">Content of <c>report.json</c> once the data was validated, accepted or not: rows read, kept and dropped (reasons, first lines), label distribution, warnings, texts that will be truncated.</param>
/// <param name="Problem">Content of <c>problem.json</c>: why an upload was refused before it could train, only when the job failed.</param>
/// <param name="Links">Where to poll the job and how to cancel it.</param>
public sealed record JobStatusView(
    string Id,
    OrchestrationRuntimeStatus RuntimeStatus,
    string? Phase,
    bool Terminal,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    JobStatusDocument? Progress,
    JsonElement? Output,
    JobFailureView? Failure,
    JsonElement? ValidationReport,
    JsonElement? Problem,
    JobLinks Links)
{
    /// <summary>What the job does: <c>training</c> (a CSV of labelled texts becomes a model) or <c>scoring</c> (a model labels a CSV of texts).</summary>
    public string Kind { get; init; } = JobKinds.Training;

    /// <summary>A scoring job's model, version, chunks and rows scored so far, input and output blobs, and its first row errors; null for training jobs.</summary>
    public ScoringProgress? Scoring { get; init; }

    /// <summary>A sweep job's trials (options, outcome, best validation macro-F1, steps, time); a running trial shows its runner's figures so far.</summary>
    public SweepRecord? Sweep { get; init; }

    /// <summary>
    /// Content of <c>notifications.json</c>: the last delivery of the job's events per channel (<c>webhook</c>, <c>eventGrid</c>):
    /// event id and type, phase, attempts, state (delivered, retrying, failed), status code, error, whether it was signed, when.
    /// </summary>
    public JsonElement? Notifications { get; init; }
}
