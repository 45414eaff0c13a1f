using Microsoft.Azure.Functions.Worker;
using Platform.Pipeline.Activities;

namespace Platform.Functions.Durable;

/// <summary>Hand-written activity functions that delegate to the Pipeline's class-based activities (resolved from DI).</summary>
public sealed class ActivityFunctions(
    PrepareDataset prepare,
    DispatchTraining dispatch,
    CheckHeartbeat heartbeat,
    EvaluateModel evaluate,
    PublishModel publish,
    WriteCancelMarker cancelMarker)
{
    [Function(nameof(PrepareDataset))]
    public Task<PrepareDatasetResult> RunPrepareDataset([ActivityTrigger] PrepareDatasetInput input, FunctionContext context) =>
        prepare.RunAsync(new FunctionActivityContext(nameof(PrepareDataset), context), input);

    [Function(nameof(DispatchTraining))]
    public Task<string> RunDispatchTraining([ActivityTrigger] DispatchTrainingInput input, FunctionContext context) =>
        dispatch.RunAsync(new FunctionActivityContext(nameof(DispatchTraining), context), input);

    [Function(nameof(CheckHeartbeat))]
    public Task<HeartbeatCheck> RunCheckHeartbeat([ActivityTrigger] string jobId, FunctionContext context) =>
        heartbeat.RunAsync(new FunctionActivityContext(nameof(CheckHeartbeat), context), jobId);

    [Function(nameof(EvaluateModel))]
    public Task<EvaluateModelResult> RunEvaluateModel([ActivityTrigger] EvaluateModelInput input, FunctionContext context) =>
        evaluate.RunAsync(new FunctionActivityContext(nameof(EvaluateModel), context), input);

    [Function(nameof(PublishModel))]
    public Task<PublishModelResult> RunPublishModel([ActivityTrigger] PublishModelInput input, FunctionContext context) =>
        publish.RunAsync(new FunctionActivityContext(nameof(PublishModel), context), input);

    [Function(nameof(WriteCancelMarker))]
    public Task<bool> RunWriteCancelMarker([ActivityTrigger] CancelMarkerInput input, FunctionContext context) =>
        cancelMarker.RunAsync(new FunctionActivityContext(nameof(WriteCancelMarker), context), input);
}
