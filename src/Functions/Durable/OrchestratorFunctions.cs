using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Platform.Pipeline.Orchestration;

namespace Platform.Functions.Durable;

/// <summary>
/// The orchestrator as a function. The Durable source generator is not used, so this wrapper is written by
/// hand: it runs the very same class-based orchestrator that the local host registers directly.
/// </summary>
public static class OrchestratorFunctions
{
    [Function(nameof(TrainingOrchestrator))]
    public static Task<PipelineResult> RunTrainingOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var input = context.GetInput<TrainingPipelineInput>() ?? throw new InvalidOperationException("The orchestration was started without an input.");
        return new TrainingOrchestrator().RunAsync(context, input);
    }
}
