using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Platform.Pipeline.Orchestration;

/// <summary>Starting a job's orchestration under its id: the one place both the start route and the upload path do it.</summary>
public static class TrainingJobs
{
    /// <summary>
    /// Schedules <see cref="TrainingOrchestrator"/> with instance id <see cref="TrainingPipelineInput.JobId"/>; false when an
    /// instance with that id already exists (a concurrent identical start, or a redelivered event, won the race).
    /// </summary>
    public static async Task<bool> ScheduleOnceAsync(DurableTaskClient client, TrainingPipelineInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(nameof(TrainingOrchestrator), input, new StartOrchestrationOptions(input.JobId), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (await client.GetInstanceAsync(input.JobId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false) is null)
            {
                throw;
            }

            return false;
        }
    }
}
