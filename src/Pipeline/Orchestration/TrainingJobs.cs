using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Platform.Pipeline.Scoring;

namespace Platform.Pipeline.Orchestration;

/// <summary>Starting a job's orchestration under its id: the one place both the start route and the upload path do it.</summary>
public static class TrainingJobs
{
    /// <summary>
    /// Schedules <see cref="TrainingOrchestrator"/> with instance id <see cref="TrainingPipelineInput.JobId"/>; false when an
    /// instance with that id already exists (a concurrent identical start, or a redelivered event, won the race).
    /// </summary>
    public static Task<bool> ScheduleOnceAsync(DurableTaskClient client, TrainingPipelineInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return ScheduleOnceAsync(client, nameof(TrainingOrchestrator), input, input.JobId, cancellationToken);
    }

    /// <summary>Schedules <see cref="ScoringOrchestrator"/> with instance id <see cref="ScoringInput.JobId"/>; false when it already exists.</summary>
    public static Task<bool> ScheduleOnceAsync(DurableTaskClient client, ScoringInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return ScheduleOnceAsync(client, nameof(ScoringOrchestrator), input, input.JobId, cancellationToken);
    }

    private static async Task<bool> ScheduleOnceAsync(DurableTaskClient client, string orchestrator, object input, string jobId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input, new StartOrchestrationOptions(jobId), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (await client.GetInstanceAsync(jobId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false) is null)
            {
                throw;
            }

            return false;
        }
    }
}
