using System.Diagnostics;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Platform.Pipeline.Activities;
using Platform.Pipeline.Scoring;
using Platform.Pipeline.Notifications;
using Platform.Pipeline.Sweeps;
using Platform.Pipeline.Telemetry;

namespace Platform.Functions.Durable;

/// <summary>
/// Hand-written activity functions that delegate to the Pipeline's class-based activities (resolved from DI). Each runs
/// inside a span and a log scope carrying the job id, and counts and times itself.
/// </summary>
public sealed class ActivityFunctions(
    PrepareDataset prepare,
    DispatchTraining dispatch,
    CheckHeartbeat heartbeat,
    EvaluateModel evaluate,
    PublishModel publish,
    WriteCancelMarker cancelMarker,
    RecordSweep recordSweep,
    AdoptTrialModel adoptTrialModel,
    PlanScoring planScoring,
    ScoreChunk scoreChunk,
    CommitScoring commitScoring,
    NotifyJobEvent notifyJobEvent,
    ILogger<ActivityFunctions> logger)
{
    [Function(nameof(PrepareDataset))]
    public Task<PrepareDatasetResult> RunPrepareDataset([ActivityTrigger] PrepareDatasetInput input, FunctionContext context) =>
        RunAsync(prepare, input, input.JobId, context);

    [Function(nameof(DispatchTraining))]
    public Task<string> RunDispatchTraining([ActivityTrigger] DispatchTrainingInput input, FunctionContext context) =>
        RunAsync(dispatch, input, input.Request.JobId, context);

    [Function(nameof(CheckHeartbeat))]
    public Task<HeartbeatCheck> RunCheckHeartbeat([ActivityTrigger] string jobId, FunctionContext context) =>
        RunAsync(heartbeat, jobId, jobId, context);

    [Function(nameof(EvaluateModel))]
    public Task<EvaluateModelResult> RunEvaluateModel([ActivityTrigger] EvaluateModelInput input, FunctionContext context) =>
        RunAsync(evaluate, input, input.JobId, context);

    [Function(nameof(PublishModel))]
    public Task<PublishModelResult> RunPublishModel([ActivityTrigger] PublishModelInput input, FunctionContext context) =>
        RunAsync(publish, input, input.JobId, context);

    [Function(nameof(WriteCancelMarker))]
    public Task<bool> RunWriteCancelMarker([ActivityTrigger] CancelMarkerInput input, FunctionContext context) =>
        RunAsync(cancelMarker, input, input.JobId, context);

    [Function(nameof(RecordSweep))]
    public Task<bool> RunRecordSweep([ActivityTrigger] SweepRecord input, FunctionContext context) =>
        RunAsync(recordSweep, input, input.JobId, context);

    [Function(nameof(AdoptTrialModel))]
    public Task<int> RunAdoptTrialModel([ActivityTrigger] AdoptTrialModelInput input, FunctionContext context) =>
        RunAsync(adoptTrialModel, input, input.SweepJobId, context);

    [Function(nameof(PlanScoring))]
    public Task<ScoringPlan> RunPlanScoring([ActivityTrigger] ScoringInput input, FunctionContext context) =>
        RunAsync(planScoring, input, input.JobId, context);

    [Function(nameof(ScoreChunk))]
    public Task<ScoreChunkResult> RunScoreChunk([ActivityTrigger] ScoreChunkInput input, FunctionContext context) =>
        RunAsync(scoreChunk, input, input.JobId, context);

    [Function(nameof(CommitScoring))]
    public Task<bool> RunCommitScoring([ActivityTrigger] CommitScoringInput input, FunctionContext context) =>
        RunAsync(commitScoring, input, input.JobId, context);

    [Function(nameof(NotifyJobEvent))]
    public Task<bool> RunNotifyJobEvent([ActivityTrigger] JobEventNotification input, FunctionContext context) =>
        RunAsync(notifyJobEvent, input, input.Data.JobId, context);

    private async Task<TOutput> RunAsync<TInput, TOutput>(TaskActivity<TInput, TOutput> activity, TInput input, string jobId, FunctionContext context)
    {
        var name = activity.GetType().Name;
        using var scope = PipelineTelemetry.BeginJob(logger, name, jobId);
        var started = Stopwatch.GetTimestamp();
        var outcome = "succeeded";
        try
        {
            return await activity.RunAsync(new FunctionActivityContext(name, context), input);
        }
        catch (Exception e)
        {
            outcome = "failed";
            scope.Fail(e);
            throw;
        }
        finally
        {
            var tags = new TagList { { "activity", name }, { "outcome", outcome } };
            PipelineTelemetry.ActivityRuns.Add(1, tags);
            PipelineTelemetry.ActivityDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
        }
    }
}
