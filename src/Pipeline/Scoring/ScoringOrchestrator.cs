using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Platform.Pipeline.Orchestration;
using Platform.Shared.Datasets;
using Platform.Shared.Text;

namespace Platform.Pipeline.Scoring;

/// <summary>
/// One batch scoring job: plan the upload's chunks, score them with at most <see cref="ScoringInput.MaxParallelChunks"/>
/// activities at once (each stages its rows as blocks of the output blob), then commit the blocks in chunk order, so
/// the output has the input's rows in the input's order. A row error stops new chunks from starting and fails the job
/// with the first errors by line; the report is written either way. Deterministic: all I/O in activities.
/// </summary>
public sealed class ScoringOrchestrator : TaskOrchestrator<ScoringInput, PipelineResult>
{
    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromSeconds(2), backoffCoefficient: 2));

    public override async Task<PipelineResult> RunAsync(TaskOrchestrationContext context, ScoringInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var logger = context.CreateReplaySafeLogger<ScoringOrchestrator>();
        input = input.StartedAt is null ? input with { StartedAt = context.CurrentUtcDateTime } : input;
        var progress = ScoringProgress.Of(input);
        if (input.Rejection is { } rejection)
        {
            logger.LogWarning("Job {JobId}: scoring upload {InputBlob} refused: {Title}", input.JobId, rejection.DatasetBlob, rejection.Title);
            return End(context, input, PipelineOutcome.Failed, progress, PipelineErrorCodes.UploadRejected, $"{rejection.Title} {rejection.Detail}".Trim());
        }

        var cancel = context.WaitForExternalEvent<CancelRequest?>(PipelineEvents.CancelRequested);
        try
        {
            SetStatus(context, input, PipelinePhases.Planning, progress);
            var plan = await context.CallActivityAsync<ScoringPlan>(nameof(PlanScoring), input, Retry);
            progress = progress with { Version = plan.Version, Chunks = plan.Chunks.Count };
            if (plan.Error is { } planError)
            {
                return await FailAsync(context, input, progress, [planError], logger);
            }

            SetStatus(context, input, PipelinePhases.Scoring, progress);
            var (scored, blocks, errors, cancelled) = await ScoreChunksAsync(context, input, plan, progress, cancel);
            progress = scored;
            if (cancelled)
            {
                var reason = (await cancel)?.Reason;
                logger.LogInformation("Job {JobId}: scoring cancelled after {ChunksScored} of {Chunks} chunks", input.JobId, progress.ChunksScored, progress.Chunks);
                await context.CallActivityAsync<bool>(nameof(CommitScoring), new CommitScoringInput(input.JobId, progress, Commit: false, blocks), Retry);
                return End(context, input, PipelineOutcome.Cancelled, progress, error: reason);
            }

            if (errors.Count > 0)
            {
                return await FailAsync(context, input, progress, errors, logger);
            }

            if (progress.RowsScored == 0)
            {
                return await FailAsync(context, input, progress,
                    [new DatasetError(ScoringErrorCodes.NoDataRows, "The file has a header but only blank lines below it: add one row per text to score.", null)], logger);
            }

            SetStatus(context, input, PipelinePhases.Publishing, progress);
            await context.CallActivityAsync<bool>(nameof(CommitScoring), new CommitScoringInput(input.JobId, progress, Commit: true, blocks), Retry);
            logger.LogInformation("Job {JobId}: scored {Rows} rows of {InputBlob} with {Model} version {Version} into {OutputBlob}",
                input.JobId, progress.RowsScored, input.InputBlob, input.Model, progress.Version, input.OutputBlob);
            return End(context, input, PipelineOutcome.Completed, progress);
        }
        catch (TaskFailedException e)
        {
            logger.LogError("Job {JobId}: activity {Activity} failed after retries: {Reason}", input.JobId, e.TaskName, e.FailureDetails.ErrorMessage);
            return End(context, input, PipelineOutcome.Failed, progress, PipelineErrorCodes.ActivityFailed, $"{e.TaskName} failed: {e.FailureDetails.ErrorMessage}");
        }
    }

    /// <summary>
    /// Scores the plan's chunks, a bounded number at a time; after a row error or a cancel no new chunk starts. Returns
    /// the progress, the blocks each chunk staged (by chunk index), the row errors sorted by line, and whether it was cancelled.
    /// </summary>
    private static async Task<(ScoringProgress Progress, int[] Blocks, List<DatasetError> Errors, bool Cancelled)> ScoreChunksAsync(
        TaskOrchestrationContext context, ScoringInput input, ScoringPlan plan, ScoringProgress progress, Task<CancelRequest?> cancel)
    {
        var blocks = new int[plan.Chunks.Count];
        var errors = new List<DatasetError>();
        var next = 0;
        var running = new List<Task<ScoreChunkResult>>();
        var parallel = Math.Max(1, input.MaxParallelChunks);
        while (true)
        {
            while (running.Count < parallel && next < plan.Chunks.Count && errors.Count == 0 && !cancel.IsCompleted)
            {
                running.Add(context.CallActivityAsync<ScoreChunkResult>(nameof(ScoreChunk),
                    new ScoreChunkInput(input.JobId, input.Model, plan.Version!, input.InputBlob, plan.ETag!, plan.HeaderEnd, input.OutputBlob, plan.Chunks[next++]), Retry));
            }

            if (running.Count == 0)
            {
                break;
            }

            var first = await Task.WhenAny(running.Cast<Task>().Append(cancel));
            if (first == cancel)
            {
                return (progress, blocks, errors, true);
            }

            var done = (Task<ScoreChunkResult>)first;
            running.Remove(done);
            var result = await done;
            blocks[result.Index] = result.Blocks;
            errors.AddRange(result.Errors);
            progress = progress with { ChunksScored = progress.ChunksScored + 1, RowsScored = progress.RowsScored + result.Rows };
            SetStatus(context, input, PipelinePhases.Scoring, progress);
        }

        return (progress, blocks, [.. errors.OrderBy(e => e.Line ?? 0).Take(ScoringSettings.MaxErrors)], cancel.IsCompleted && progress.ChunksScored < plan.Chunks.Count);
    }

    /// <summary>Writes the report with the errors and ends the job failed with the first one.</summary>
    private static async Task<PipelineResult> FailAsync(
        TaskOrchestrationContext context, ScoringInput input, ScoringProgress progress, IReadOnlyList<DatasetError> errors, ILogger logger)
    {
        progress = progress with { Errors = errors };
        var first = errors[0];
        logger.LogWarning("Job {JobId}: {InputBlob} cannot be scored ({ErrorCode}): {ErrorMessage}", input.JobId, input.InputBlob, first.Code, first.Message);
        await context.CallActivityAsync<bool>(nameof(CommitScoring), new CommitScoringInput(input.JobId, progress, Commit: false, []), Retry);
        var more = errors.Count > 1 ? $" ({errors.Count - 1} more row error(s) in the job's scoring part.)" : "";
        return End(context, input, PipelineOutcome.Failed, progress, ScoringErrorCodes.JobErrorCode(first.Code), first.Message + more);
    }

    private static void SetStatus(TaskOrchestrationContext context, ScoringInput input, string phase, ScoringProgress progress, string? detail = null) =>
        context.SetCustomStatus(new ScoringStatus(phase, input.StartedAt, detail, progress));

    private static PipelineResult End(
        TaskOrchestrationContext context, ScoringInput input, PipelineOutcome outcome, ScoringProgress progress, string? errorCode = null, string? error = null)
    {
        var phase = outcome switch
        {
            PipelineOutcome.Completed => PipelinePhases.Completed,
            PipelineOutcome.Cancelled => PipelinePhases.Cancelled,
            _ => PipelinePhases.Failed,
        };
        error = error is null ? null : Bounded.Message(error);
        SetStatus(context, input, phase, progress, error);
        return new PipelineResult(input.JobId, outcome, 0, errorCode, error, Version: progress.Version) { Scoring = progress };
    }
}
