using System.Globalization;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Platform.Pipeline.Activities;
using Platform.Pipeline.Storage;
using Platform.Pipeline.Sweeps;

namespace Platform.Pipeline.Orchestration;

/// <summary>
/// A sweep job: prepares the data once, runs each trial as a child <see cref="TrainingOrchestrator"/> (its own dispatch,
/// checkpoints, heartbeat and status, under an id derived from the job's), at most <see cref="SweepPlan.MaxParallelTrials"/>
/// at a time, then evaluates and publishes only the best. A failed trial leaves the others going; cancelling the job
/// cancels every running trial; <see cref="SweepPlan.MaxRuntime"/> (a durable timer) cancels what still runs and
/// publishes the best trial that finished, unless the job is cancelled before the winner is evaluated. No ContinueAsNew: the history grows by a few events per trial, and trials are bounded.
/// </summary>
internal sealed class SweepRun(
    TaskOrchestrationContext context, TrainingPipelineInput input, Task<CancelRequest?> cancel, PipelineSteps step, TaskOptions retry, ILogger logger)
{
    private readonly SweepPlan _plan = input.Sweep!;
    private TrialRecord[] _trials = [];
    private string? _stoppedBecause;

    public async Task<PipelineResult> RunAsync()
    {
        if (await step.PrepareAsync() is { } rejected)
        {
            return rejected;
        }

        _trials = [.. _plan.Trials.Select(t => new TrialRecord(t.Number, TrialRun.JobId(input.JobId, t.Number), t.Options, TrialOutcomes.Pending))];
        var cancelled = await RunTrialsAsync();
        if (cancelled)
        {
            await RecordAsync();
            return await step.CancelAsync(0, _stoppedBecause);
        }

        var best = _trials
            .Where(t => t is { Outcome: TrialOutcomes.Completed, BestValidationMacroF1: not null })
            .OrderByDescending(t => t.BestValidationMacroF1)
            .ThenBy(t => t.Steps ?? int.MaxValue)
            .ThenBy(t => t.Number)
            .FirstOrDefault();
        if (best is null)
        {
            await RecordAsync();
            return step.End(PipelineOutcome.Failed, 0, PipelineErrorCodes.SweepFailed, NoWinner());
        }

        _trials = [.. _trials.Select(t => t.Number == best.Number ? t with { Winner = true } : t)];
        await RecordAsync();
        logger.LogInformation("Job {JobId}: trial {Number} of {Count} wins the sweep, best validation macro-F1 {MacroF1:F4} in {Steps} steps",
            input.JobId, best.Number, _trials.Length, best.BestValidationMacroF1, best.Steps);
        await context.CallActivityAsync<int>(nameof(AdoptTrialModel), new AdoptTrialModelInput(input.JobId, best.JobId), retry);
        if (cancel.IsCompleted)
        {
            // Cancelled during the fan-in: nothing is evaluated or published.
            return await step.CancelAsync(0, await CancelReasonAsync());
        }

        return await step.EvaluateAndPublishAsync(0, _trials);
    }

    /// <summary>Runs the trials to their ends; true when the job was cancelled.</summary>
    private async Task<bool> RunTrialsAsync()
    {
        using var deadlineCancel = new CancellationTokenSource();
        var deadline = _plan.MaxRuntime is { } limit
            ? context.CreateTimer(input.StartedAt!.Value.UtcDateTime + limit, deadlineCancel.Token)
            : null;
        var running = new Dictionary<Task<PipelineResult>, int>();
        var next = 0;
        var cancelled = false;
        while (true)
        {
            while (_stoppedBecause is null && running.Count < _plan.MaxParallelTrials && next < _plan.Trials.Count)
            {
                var trial = _plan.Trials[next];
                _trials[next] = _trials[next] with { Outcome = TrialOutcomes.Running, StartedAt = step.Now };
                running[context.CallSubOrchestratorAsync<PipelineResult>(
                    nameof(TrainingOrchestrator), input.ForTrial(trial), new SubOrchestrationOptions { InstanceId = _trials[next].JobId })] = next;
                next++;
            }

            await RecordAsync();
            if (running.Count == 0)
            {
                break;
            }

            List<Task> waits = [.. running.Keys];
            if (!cancelled)
            {
                // Watched after maxRuntime stopped the sweep too: a cancel while the last trials wind down wins over publishing.
                waits.Add(cancel);
            }

            if (_stoppedBecause is null && deadline is not null)
            {
                waits.Add(deadline);
            }

            var first = await Task.WhenAny(waits);
            if (first == cancel || first == deadline)
            {
                var alreadyStopping = _stoppedBecause is not null;
                cancelled = first == cancel;
                _stoppedBecause = cancelled
                    ? await CancelReasonAsync()
                    : $"maxRuntime {_plan.MaxRuntime:c} reached: running trials were cancelled and the best finished trial is published.";
                if (alreadyStopping)
                {
                    // maxRuntime has already asked every running trial to stop; now nothing is published either.
                    logger.LogInformation("Job {JobId}: sweep cancelled ({Reason}) while {Running} trials stop", input.JobId, _stoppedBecause, running.Count);
                    continue;
                }

                foreach (var index in running.Values)
                {
                    // The trial's own cancel path writes its cancel marker, so its runner stops between steps.
                    context.SendEvent(_trials[index].JobId, PipelineEvents.CancelRequested, new CancelRequest(_stoppedBecause));
                }

                logger.LogInformation("Job {JobId}: sweep stopping ({Reason}); cancelling {Running} running trials", input.JobId, _stoppedBecause, running.Count);
                continue;
            }

            var ended = (Task<PipelineResult>)first;
            var number = running[ended];
            running.Remove(ended);
            _trials[number] = await EndedAsync(_trials[number], ended);
        }

        if (deadline is not null && !deadline.IsCompleted)
        {
            // Synchronous on purpose, as in the watch loop: the orchestration must not resume on another thread.
#pragma warning disable CA1849
            deadlineCancel.Cancel();
#pragma warning restore CA1849
        }

        if (!cancelled && cancel.IsCompleted)
        {
            // Arrived with the last trial's end, which the fan-in saw first.
            cancelled = true;
            _stoppedBecause = await CancelReasonAsync();
        }

        _trials = [.. _trials.Select(t => t.Outcome == TrialOutcomes.Pending ? t with { Outcome = TrialOutcomes.Skipped, Error = _stoppedBecause } : t)];
        return cancelled;
    }

    private async Task<string> CancelReasonAsync() => (await cancel)?.Reason ?? "The sweep was cancelled.";

    private async Task<TrialRecord> EndedAsync(TrialRecord trial, Task<PipelineResult> ended)
    {
        var finishedAt = step.Now;
        PipelineResult result;
        try
        {
            result = await ended;
        }
        catch (TaskFailedException e)
        {
            logger.LogWarning("Job {JobId}: trial {Number} failed: {Reason}", input.JobId, trial.Number, e.FailureDetails.ErrorMessage);
            return trial with { Outcome = TrialOutcomes.Failed, FinishedAt = finishedAt, Error = Bounded(e.FailureDetails.ErrorMessage) };
        }

        var outcome = result.Outcome switch
        {
            PipelineOutcome.Completed => TrialOutcomes.Completed,
            PipelineOutcome.Cancelled => TrialOutcomes.Cancelled,
            _ => TrialOutcomes.Failed,
        };
        if (outcome == TrialOutcomes.Failed)
        {
            logger.LogWarning("Job {JobId}: trial {Number} failed ({ErrorCode}): {Error}", input.JobId, trial.Number, result.ErrorCode, result.Error);
        }

        return trial with
        {
            Outcome = outcome,
            BestValidationMacroF1 = result.BestValidationMacroF1,
            Steps = result.Steps,
            FinishedAt = finishedAt,
            Error = result.Error is null ? null : Bounded(result.Error),
        };
    }

    /// <summary>Writes <c>sweep.json</c> and keeps the custom status saying how far the sweep is.</summary>
    private async Task RecordAsync()
    {
        var done = _trials.Count(t => t.Ended);
        var running = _trials.Count(t => t.Outcome == TrialOutcomes.Running);
        step.Enter(PipelinePhases.Training, 0, string.Create(CultureInfo.InvariantCulture, $"sweep: {done} of {_trials.Length} trials ended, {running} running"));
        await context.CallActivityAsync<bool>(nameof(RecordSweep), new SweepRecord(input.JobId, _plan.MaxParallelTrials, _plan.MaxRuntime, _trials, _stoppedBecause), retry);
    }

    private string NoWinner()
    {
        var failures = _trials.Where(t => t.Error is not null).Take(3).Select(t => $"trial {t.Number}: {t.Error}");
        var why = _stoppedBecause is not null && _trials.All(t => t.Outcome != TrialOutcomes.Completed)
            ? $"No trial finished before the sweep stopped ({_stoppedBecause})"
            : $"All {_trials.Length} trials failed";
        return $"{why}. {string.Join(" ", failures)}".Trim();
    }

    private static string Bounded(string text) => Shared.Text.Bounded.Message(text);
}
