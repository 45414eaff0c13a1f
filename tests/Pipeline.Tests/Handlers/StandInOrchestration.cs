using Microsoft.DurableTask;
using Platform.Pipeline.Handlers;
using Platform.Pipeline.Orchestration;

namespace Platform.Pipeline.Tests.Handlers;

/// <summary>
/// Stands in for the real TrainingOrchestrator under the same name: reports phase <c>queued</c>, then waits
/// for <c>CancelRequested</c> and ends with phase <c>cancelled</c>, returning the reason. A model named
/// <c>invalid-…</c> ends at once with phase <c>failed</c>, as the real one does when the data is rejected. A model named
/// <c>redispatched-…</c> reports the real orchestrator's <see cref="PipelineStatus"/> object, queued for attempt 2.
/// </summary>
public static class StandInOrchestration
{
    public const string InvalidPrefix = "invalid-";

    public const string RedispatchedPrefix = "redispatched-";

    public static void Register(DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.AddOrchestratorFunc<TrainingPipelineInput, string>(nameof(TrainingOrchestrator), async (context, command) =>
        {
            if (command.Model.StartsWith(InvalidPrefix, StringComparison.Ordinal))
            {
                context.SetCustomStatus(PipelinePhases.Failed);
                return "validation failed";
            }

            context.SetCustomStatus(command.Model.StartsWith(RedispatchedPrefix, StringComparison.Ordinal)
                ? new PipelineStatus(PipelinePhases.Queued, Attempt: 2)
                : PipelinePhases.Queued);
            var reason = (await context.WaitForExternalEvent<CancelRequest?>(PipelineEvents.CancelRequested))?.Reason;
            context.SetCustomStatus(PipelinePhases.Cancelled);
            return $"{command.JobId}: {reason}";
        });
    }
}
