using Microsoft.DurableTask;
using Platform.Pipeline.Activities;
using Platform.Pipeline.Scoring;

namespace Platform.Pipeline.Orchestration;

/// <summary>Registers the orchestrators (training, batch scoring) and activities with a Durable Task worker.</summary>
public static class PipelineRegistryExtensions
{
    /// <summary>The one list of the pipeline's activities.</summary>
    public static IReadOnlyList<Type> ActivityTypes { get; } =
        [typeof(PrepareDataset), typeof(DispatchTraining), typeof(CheckHeartbeat), typeof(EvaluateModel), typeof(PublishModel), typeof(WriteCancelMarker),
            typeof(RecordSweep), typeof(AdoptTrialModel), typeof(PlanScoring), typeof(ScoreChunk), typeof(CommitScoring), typeof(NotifyJobEvent)];

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
            .AddOrchestrator<ScoringOrchestrator>()
            .AddActivity<PlanScoring>()
            .AddActivity<ScoreChunk>()
            .AddActivity<CommitScoring>()
            .AddActivity<NotifyJobEvent>();
    }
}
