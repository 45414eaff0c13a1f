using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Platform.Pipeline.Activities;
using Platform.Pipeline.Notifications;
using Platform.Pipeline.Sweeps;
using Platform.Shared.Jobs;
using Platform.Shared.Text;

namespace Platform.Pipeline.Orchestration;

/// <summary>The straight-line parts of <see cref="TrainingOrchestrator"/>: each calls activities and keeps the custom status current.</summary>
internal sealed class PipelineSteps(
    TaskOrchestrationContext context, TrainingPipelineInput input, Task<CancelRequest?> cancel, TaskOptions retry, ILogger logger)
{
    private NotificationCursor _notified = input.Notified ?? NotificationCursor.None;
    private Task _deliveries = Task.CompletedTask;

    public DateTimeOffset Now => new(DateTime.SpecifyKind(context.CurrentUtcDateTime, DateTimeKind.Utc));

    public void SetStatus(string phase, int attempt, string? detail = null) =>
        context.SetCustomStatus(new PipelineStatus(phase, attempt, detail, input.StartedAt));

    /// <summary>
    /// Sets the phase and, when it differs from the last one notified, starts sending the job's event for it behind the
    /// events before it; the job goes on without waiting for the receiver (see <see cref="DrainNotificationsAsync"/>).
    /// </summary>
    public void Enter(string phase, int attempt, string? detail = null, PipelineResult? result = null)
    {
        SetStatus(phase, attempt, detail);
        Notify(phase, attempt, result);
    }

    /// <summary>
    /// Waits until every event notified so far was delivered or given up on. The orchestrator calls it before each
    /// ContinueAsNew and before it returns, as the pending deliveries of an execution end with it.
    /// </summary>
    public Task DrainNotificationsAsync() => _deliveries;

    /// <summary>
    /// Continues as new with <paramref name="next"/> once the events notified so far were delivered, carrying what was
    /// notified, so the next execution sends nothing for the same phase.
    /// </summary>
    public async Task ContinueAsNewAsync(TrainingPipelineInput next)
    {
        await DrainNotificationsAsync();
        context.ContinueAsNew(next with { Notified = _notified });
    }

    /// <summary>
    /// Queues the event of a new phase behind the deliveries of the phases before it, so a receiver gets them in order
    /// while the job does not wait for a slow or failing one (a dead webhook costs each event its plan's retries).
    /// </summary>
    private void Notify(string phase, int attempt, PipelineResult? result)
    {
        if (input.Notifications is not { } plan || _notified.Phase == phase)
        {
            return;
        }

        _notified = new NotificationCursor(phase, _notified.Sequence + 1);
        var data = new JobEventData(input.JobId, input.Model, phase, attempt, _notified.Sequence, result?.Outcome, result?.ErrorCode, result?.Error,
            result?.Version, result?.Outcome == PipelineOutcome.Completed ? result.Promoted : null, result?.Metrics);
        _deliveries = DeliverAfterAsync(_deliveries, plan, data, Now);
    }

    /// <summary>
    /// Delivers the event (<paramref name="data"/>, stamped with its phase's <paramref name="time"/>) to each channel of the
    /// plan after <paramref name="previous"/>, one activity per channel with the plan's retry policy. A delivery that fails
    /// after its retries is logged and recorded (by the activity) and never fails the job.
    /// </summary>
    private async Task DeliverAfterAsync(Task previous, NotificationPlan plan, JobEventData data, DateTimeOffset time)
    {
        await previous;
        foreach (var channel in plan.Channels())
        {
            try
            {
                await context.CallActivityAsync<bool>(nameof(NotifyJobEvent), new JobEventNotification(channel, plan.Webhook, time, data, plan.MaxAttempts), plan.Retry());
            }
            catch (TaskFailedException e)
            {
                logger.LogWarning("Job {JobId}: event for phase {Phase} not delivered to {Channel} after {Attempts} attempts; the job goes on: {Reason}",
                    input.JobId, data.Phase, channel, plan.MaxAttempts, e.FailureDetails.ErrorMessage);
            }
        }
    }

    /// <summary>
    /// Validates and splits the data (a trial uses its sweep's), then dispatches attempt 1; ends the job when the data is
    /// invalid or it was cancelled.
    /// </summary>
    public async Task<(PipelineResult? Ended, TrainingWatch? Watch)> StartAsync()
    {
        if (input.Trial is null && await PrepareAsync() is { } rejected)
        {
            return (rejected, null);
        }

        if (cancel.IsCompleted)
        {
            return (await CancelAsync(0, (await cancel)?.Reason), null);
        }

        return (null, await DispatchAsync(1));
    }

    /// <summary>Validates and splits the data; the failed result when it is invalid, else null.</summary>
    public async Task<PipelineResult?> PrepareAsync()
    {
        Enter(PipelinePhases.Validating, 0);
        var prepared = await context.CallActivityAsync<PrepareDatasetResult>(nameof(PrepareDataset),
            new PrepareDatasetInput(input.JobId, input.DatasetBlob, input.BaseModel, input.Dataset, input.Split, input.Training.Vocabulary), retry);
        if (!prepared.IsValid)
        {
            logger.LogWarning("Job {JobId}: dataset rejected ({ErrorCode}); nothing dispatched", input.JobId, prepared.Report.Error?.Code);
            return End(PipelineOutcome.Failed, 0, PipelineErrorCodes.Validation, prepared.Report.Error?.Message, validation: prepared.Report);
        }

        return null;
    }

    public async Task<TrainingWatch> DispatchAsync(int attempt)
    {
        var request = input.Dispatch(attempt, Now);
        await context.CallActivityAsync<string>(nameof(DispatchTraining), new DispatchTrainingInput(request), retry);
        Enter(PipelinePhases.Queued, attempt);
        return new TrainingWatch(attempt, Now);
    }

    /// <summary>Scores the package under this job's id on its test split and publishes it; a sweep passes its trials for the card and the result.</summary>
    public async Task<PipelineResult> EvaluateAndPublishAsync(int attempt, IReadOnlyList<TrialRecord>? trials = null)
    {
        Enter(PipelinePhases.Evaluating, attempt);
        var evaluation = await context.CallActivityAsync<EvaluateModelResult>(nameof(EvaluateModel),
            new EvaluateModelInput(input.JobId, input.EvaluationMaxExamples), retry);
        if (cancel.IsCompleted)
        {
            return await CancelAsync(attempt, (await cancel)?.Reason);
        }

        Enter(PipelinePhases.Publishing, attempt);
        var version = ModelVersions.FromJobId(input.Model, input.JobId);
        var published = await context.CallActivityAsync<PublishModelResult>(nameof(PublishModel),
            new PublishModelInput(input.JobId, input.Model, version, input.BaseModel, evaluation.Metrics, input.Promotion, Now) { Trials = trials }, retry);
        logger.LogInformation("Job {JobId}: completed as {Model} version {Version}, macro-F1 {MacroF1:F4}, promoted {Promoted}",
            input.JobId, input.Model, version, evaluation.Metrics.MacroF1, published.Promoted);
        var result = new PipelineResult(input.JobId, PipelineOutcome.Completed, attempt, Metrics: evaluation.Metrics, Version: version,
            Promoted: published.Promoted, PromotionReason: published.Reason) { Trials = trials };
        Enter(PipelinePhases.Completed, attempt, published.Reason, result);
        return result;
    }

    /// <summary>A trial's end when its runner succeeded: what its sweep ranks it by, with nothing evaluated or published.</summary>
    public PipelineResult EndTrial(int attempt, TrainingFinished finished)
    {
        SetStatus(PipelinePhases.Completed, attempt);
        logger.LogInformation("Job {JobId}: trial {Number} of sweep {SweepJobId} trained, best validation macro-F1 {MacroF1}, {Steps} steps",
            input.JobId, input.Trial!.Number, input.Trial.SweepJobId, finished.ValidationMacroF1, finished.Steps);
        return new PipelineResult(input.JobId, PipelineOutcome.Completed, attempt) { BestValidationMacroF1 = finished.ValidationMacroF1, Steps = finished.Steps };
    }

    /// <summary>Writes the cancel marker, so a runner that takes the job later drops it.</summary>
    public Task CancelRunnerAsync(string? reason) =>
        context.CallActivityAsync<bool>(nameof(WriteCancelMarker), new CancelMarkerInput(input.JobId, reason, Now), retry);

    /// <summary>Writes the cancel marker for the runner and ends the job; artifacts written so far stay.</summary>
    public async Task<PipelineResult> CancelAsync(int attempt, string? reason)
    {
        await CancelRunnerAsync(reason);
        logger.LogInformation("Job {JobId}: cancelled at attempt {Attempt}", input.JobId, attempt);
        return End(PipelineOutcome.Cancelled, attempt, error: reason);
    }

    public PipelineResult End(PipelineOutcome outcome, int attempt, string? errorCode = null, string? error = null, ValidationSummary? validation = null)
    {
        var phase = outcome switch
        {
            PipelineOutcome.Completed => PipelinePhases.Completed,
            PipelineOutcome.Cancelled => PipelinePhases.Cancelled,
            _ => PipelinePhases.Failed,
        };
        // Orchestration state is stored in table properties of at most 64 KB (custom status: 16 KB): messages are
        // bounded, and what can be long (the validation report, the runner's log) stays in the job's blobs.
        error = error is null ? null : Bounded.Message(error);
        var result = new PipelineResult(input.JobId, outcome, attempt, errorCode, error, validation);
        Enter(phase, attempt, error, result);
        return result;
    }
}
