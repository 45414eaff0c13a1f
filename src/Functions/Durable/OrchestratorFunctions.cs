using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Platform.Pipeline.Orchestration;
using Platform.Pipeline.Scoring;

namespace Platform.Functions.Durable;

/// <summary>
/// The orchestrators as functions. The Durable source generator is not used, so these wrappers are written by hand: each
/// runs its class-based orchestrator. The input is a plain parameter (the extension binds the orchestration's input to the one
/// parameter no other binding claims), so every host knows its type from the signature.
/// </summary>
public static class OrchestratorFunctions
{
    [Function(nameof(TrainingOrchestrator))]
    public static Task<PipelineResult> RunTrainingOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context, TrainingPipelineInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input, "The orchestration was started without an input.");
        return new TrainingOrchestrator().RunAsync(context, input);
    }

    [Function(nameof(ScoringOrchestrator))]
    public static Task<PipelineResult> RunScoringOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context, ScoringInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input, "The orchestration was started without an input.");
        return new ScoringOrchestrator().RunAsync(context, input);
    }
}
