using Microsoft.DurableTask.Client;
using Platform.Pipeline.Activities;
using Platform.Pipeline.Orchestration;

namespace Platform.DevHost.Hosting;

/// <summary>
/// The in-process broker starts empty, while orchestrations outlive DevHost in Azurite: a job that was queued or training
/// when DevHost stopped would wait for a message that no longer exists until its watchdog gave up on the heartbeat. At
/// start this sends each such job's current dispatch again (same attempt, same MessageId, as DispatchTraining does), so
/// the runner picks it up and resumes from the job's last checkpoint. With an external Service Bus nothing was lost and
/// nothing is sent.
/// </summary>
public sealed partial class DispatchRecovery(
    LocalServiceBus bus, DurableTaskClient client, IServiceProvider services, ILogger<DispatchRecovery> logger) : BackgroundService
{
    private static readonly string[] WaitingPhases = [PipelinePhases.Queued, PipelinePhases.Training];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!bus.InProcess)
        {
            return;
        }

        var dispatch = ActivatorUtilities.CreateInstance<DispatchTraining>(services);
        var query = new OrchestrationQuery
        {
            Statuses = [OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Pending],
            FetchInputsAndOutputs = true,
        };
        await foreach (var instance in client.GetAllInstancesAsync(query).WithCancellation(stoppingToken))
        {
            if (instance.Name != nameof(TrainingOrchestrator)
                || instance.ReadCustomStatusAs<PipelineStatus>() is not { Attempt: > 0 } status
                || !WaitingPhases.Contains(status.Phase, StringComparer.Ordinal)
                || instance.ReadInputAs<TrainingPipelineInput>() is not { } input)
            {
                continue;
            }

            await dispatch.SendAsync(input.Dispatch(status.Attempt, DateTimeOffset.UtcNow), stoppingToken);
            LogRequeued(logger, instance.InstanceId, status.Attempt, status.Phase);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId}: attempt {Attempt} was {Phase} when DevHost last stopped; its dispatch is queued again")]
    private static partial void LogRequeued(ILogger logger, string jobId, int attempt, string phase);
}
