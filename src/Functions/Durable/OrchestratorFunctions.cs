using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Platform.Pipeline.Orchestration;

namespace Platform.Functions.Durable;

/// <summary>
/// The orchestrator as a function. The Durable source generator is not used, so this wrapper is written by hand: it runs
/// the class-based orchestrator. The input is a plain parameter (the extension binds the orchestration's input to the one
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
}
