using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Platform.Pipeline.Activities;
using Platform.Shared.Jobs;

namespace Platform.Pipeline.Orchestration;

/// <summary>
/// One training job: prepare the data, dispatch to the runner, wait for it under a heartbeat watchdog
/// (continuing as new after every check so history stays small), then evaluate and publish.
/// Deterministic: time comes from the context, all I/O from activities.
/// </summary>
public sealed class TrainingOrchestrator : TaskOrchestrator<TrainingPipelineInput, PipelineResult>
{
    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromSeconds(2), backoffCoefficient: 2));

    public override async Task<PipelineResult> RunAsync(TaskOrchestrationContext context, TrainingPipelineInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var logger = context.CreateReplaySafeLogger<TrainingOrchestrator>();
        input = input.StartedAt is null ? input with { StartedAt = context.CurrentUtcDateTime } : input;
        var cancel = context.WaitForExternalEvent<CancelRequest?>(PipelineEvents.CancelRequested);
        var step = new PipelineSteps(context, input, cancel, Retry, logger);
        var result = await RunStepsAsync(context, input, cancel, step, logger);
        // An execution's pending activities end with it: the job's last events are delivered (or given up) before it does.
        await step.DrainNotificationsAsync();

        // Null after ContinueAsNew: the runtime ignores this execution's output and starts the next one.
        return result!;
    }

    /// <summary>The job's steps up to its result, or up to a ContinueAsNew (null).</summary>
    private static async Task<PipelineResult?> RunStepsAsync(
        TaskOrchestrationContext context, TrainingPipelineInput input, Task<CancelRequest?> cancel, PipelineSteps step, ILogger logger)
    {
        if (input.Rejection is { } rejection)
        {
            logger.LogWarning("Job {JobId}: upload {DatasetBlob} rejected before training: {Title}", input.JobId, rejection.DatasetBlob, rejection.Title);
            return step.End(PipelineOutcome.Failed, 0, PipelineErrorCodes.UploadRejected, $"{rejection.Title} {rejection.Detail}".Trim());
        }

        try
        {
            if (input.Sweep is not null)
            {
                return await new SweepRun(context, input, cancel, step, Retry, logger).RunAsync();
            }

            if (input.Watch is null)
            {
                var started = await step.StartAsync();
                if (started.Ended is { } ended)
                {
                    return ended;
                }

                input = input with { Watch = started.Watch };
            }

            return await WatchOnceAsync(context, input, cancel, step, logger);
        }
        catch (TaskFailedException e)
        {
            logger.LogError("Job {JobId}: activity {Activity} failed after retries: {Reason}", input.JobId, e.TaskName, e.FailureDetails.ErrorMessage);
            return step.End(PipelineOutcome.Failed, input.Watch?.Attempt ?? 0, PipelineErrorCodes.ActivityFailed,
                $"{e.TaskName} failed: {e.FailureDetails.ErrorMessage}");
        }
    }

    /// <summary>One watchdog cycle: an event ends or continues the job; a timer checks the heartbeat and may re-dispatch.</summary>
    private static async Task<PipelineResult?> WatchOnceAsync(
        TaskOrchestrationContext context, TrainingPipelineInput input, Task<CancelRequest?> cancel, PipelineSteps step, ILogger logger)
    {
        var watch = input.Watch!;
        step.Enter(watch.LastHeartbeat is null ? PipelinePhases.Queued : PipelinePhases.Training, watch.Attempt);
        var finished = context.WaitForExternalEvent<TrainingFinished>(PipelineEvents.TrainingFinished);
        using var timerCancel = new CancellationTokenSource();
        var timer = context.CreateTimer(input.Watchdog.CheckInterval, timerCancel.Token);
        var first = await Task.WhenAny(finished, cancel, timer);
        if (first != timer)
        {
            // Synchronous on purpose: awaiting CancelAsync would resume off the orchestration's thread and stall it.
#pragma warning disable CA1849
            timerCancel.Cancel();
#pragma warning restore CA1849
        }

        if (first != timer || cancel.IsCompleted || finished.IsCompleted)
        {
            return await OnEventAsync(context, input, cancel, finished, step, logger);
        }

        var check = await context.CallActivityAsync<HeartbeatCheck>(nameof(CheckHeartbeat), input.JobId, Retry);
        if (cancel.IsCompleted || finished.IsCompleted)
        {
            return await OnEventAsync(context, input, cancel, finished, step, logger);
        }

        if (check.Finished is { } recorded && recorded.Attempt == watch.Attempt)
        {
            // The runner finished and recorded it, but the event never arrived (lost around ContinueAsNew): storage decides.
            logger.LogWarning("Job {JobId}: attempt {Attempt} finished {Outcome} per result.json; its event was not received", input.JobId, recorded.Attempt, recorded.Outcome);
            return await OnFinishedAsync(context, input, recorded, step, logger);
        }

        if (!check.Took(watch.Attempt, watch.DispatchedAt))
        {
            // Still on the queue: the heartbeat clock has not started. Waiting for capacity has its own, longer limit.
            if (step.Now - watch.DispatchedAt <= input.Watchdog.QueuedTimeout)
            {
                await step.ContinueAsNewAsync(input);
                return null;
            }

            logger.LogError("Job {JobId}: no runner took attempt {Attempt} within {Timeout}", input.JobId, watch.Attempt, input.Watchdog.QueuedTimeout);
            await step.CancelRunnerAsync($"No runner took the job within {input.Watchdog.QueuedTimeout}.");
            return step.End(PipelineOutcome.Failed, watch.Attempt, PipelineErrorCodes.NotTaken,
                $"No runner took attempt {watch.Attempt} within {input.Watchdog.QueuedTimeout}; check the runner's capacity (GPU quota, image pull) and start the job again.");
        }

        var heartbeat = check.HeartbeatAt!.Value;
        if (step.Now - heartbeat <= input.Watchdog.HeartbeatTimeout)
        {
            await step.ContinueAsNewAsync(input with { Watch = watch with { LastHeartbeat = heartbeat } });
            return null;
        }

        if (watch.Attempt >= input.Watchdog.MaxAttempts)
        {
            logger.LogError("Job {JobId}: no runner heartbeat since {LastSign} after {Attempt} attempts", input.JobId, heartbeat, watch.Attempt);
            return step.End(PipelineOutcome.Failed, watch.Attempt, PipelineErrorCodes.HeartbeatLost,
                $"runner heartbeat lost after {watch.Attempt} attempts");
        }

        logger.LogWarning("Job {JobId}: no runner heartbeat since {LastSign}; re-dispatching as attempt {Attempt}", input.JobId, heartbeat, watch.Attempt + 1);
        var next = await step.DispatchAsync(watch.Attempt + 1);
        await step.ContinueAsNewAsync(input with { Watch = next });
        return null;
    }

    private static async Task<PipelineResult?> OnEventAsync(
        TaskOrchestrationContext context, TrainingPipelineInput input, Task<CancelRequest?> cancel, Task<TrainingFinished> finished, PipelineSteps step, ILogger logger)
    {
        var attempt = input.Watch!.Attempt;
        if (cancel.IsCompleted && !finished.IsCompleted)
        {
            return await step.CancelAsync(attempt, (await cancel)?.Reason);
        }

        return await OnFinishedAsync(context, input, await finished, step, logger);
    }

    private static async Task<PipelineResult?> OnFinishedAsync(
        TaskOrchestrationContext context, TrainingPipelineInput input, TrainingFinished outcome, PipelineSteps step, ILogger logger)
    {
        var attempt = input.Watch!.Attempt;
        if (outcome.Attempt < attempt && outcome.Outcome != TrainingOutcome.Succeeded)
        {
            // A superseded attempt gave up; the current one is still running.
            logger.LogInformation("Job {JobId}: ignoring {Outcome} of superseded attempt {Old}; attempt {Attempt} is running",
                input.JobId, outcome.Outcome, outcome.Attempt, attempt);
            await step.ContinueAsNewAsync(input);
            return null;
        }

        // A runner that reports took the attempt: when that happened between two heartbeat checks, "training" is entered
        // (and notified) now, so every job that trained says so before what follows.
        step.Enter(PipelinePhases.Training, attempt);
        return outcome.Outcome switch
        {
            TrainingOutcome.Succeeded when input.Trial is not null => step.EndTrial(attempt, outcome),
            TrainingOutcome.Succeeded => await step.EvaluateAndPublishAsync(attempt),
            TrainingOutcome.Cancelled => step.End(PipelineOutcome.Cancelled, attempt, error: outcome.Error),
            _ => step.End(PipelineOutcome.Failed, attempt, outcome.ErrorCode ?? PipelineErrorCodes.TrainingFailed,
                outcome.Error ?? "The runner reported a failure without a message."),
        };
    }
}
