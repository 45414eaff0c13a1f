using Microsoft.DurableTask;
using Platform.Pipeline.Activities;

namespace Platform.Pipeline.Orchestration;

/// <summary>Registers the orchestrator and activities with a Durable Task worker.</summary>
public static class PipelineRegistryExtensions
{
    /// <summary>The one list of the pipeline's activities.</summary>
    public static IReadOnlyList<Type> ActivityTypes { get; } =
        [typeof(PrepareDataset), typeof(DispatchTraining), typeof(CheckHeartbeat), typeof(EvaluateModel), typeof(PublishModel), typeof(WriteCancelMarker),
            typeof(RecordSweep), typeof(AdoptTrialModel), typeof(NotifyJobEvent)];

    public static DurableTaskRegistry AddPipelineTasks(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddOrchestrator<TrainingOrchestrator>()
            .AddActivity<PrepareDataset>()
            .AddActivity<DispatchTraining>()
            .AddActivity<CheckHeartbeat>()
            .AddActivity<EvaluateModel>()
            .AddActivity<PublishModel>()
            .AddActivity<WriteCancelMarker>()
            .AddActivity<RecordSweep>()
            .AddActivity<AdoptTrialModel>()
            .AddActivity<NotifyJobEvent>();
    }
}
