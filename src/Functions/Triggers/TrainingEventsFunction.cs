using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Platform.Pipeline.Orchestration;
using Platform.Shared.Jobs;

namespace Platform.Functions.Triggers;

/// <summary>The runner reports a finished attempt on <c>training-events</c>; the waiting orchestration gets it as an external event.</summary>
public sealed partial class TrainingEventsFunction(ILogger<TrainingEventsFunction> logger)
{
    [Function("TrainingEvents")]
    public async Task Run(
        [QueueTrigger("%" + TriggerSettings.TrainingEventsQueue + "%")] string message,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (!TrainingEventMessage.TryParse(message, out var finished, out var problem))
        {
            // A malformed event cannot become valid by retrying: log it and let it go.
            LogRejected(problem!);
            return;
        }

        await client.RaiseEventAsync(finished!.JobId, PipelineEvents.TrainingFinished, finished, cancellationToken);
        LogRaised(finished.JobId, finished.Attempt, finished.Outcome);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored a training event: {Problem}")]
    private partial void LogRejected(string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} attempt {Attempt} finished {Outcome}; raised on the orchestration")]
    private partial void LogRaised(string jobId, int attempt, TrainingOutcome outcome);
}
