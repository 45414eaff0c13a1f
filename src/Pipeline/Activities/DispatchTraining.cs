using System.Diagnostics;
using System.Text.Json;
using Azure.Messaging.ServiceBus;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Pipeline.Storage;
using Platform.Shared.Configuration;
using Platform.Shared.Jobs;
using Platform.Shared.Telemetry;

namespace Platform.Pipeline.Activities;

/// <summary>
/// Sends <c>TrainingJobRequested</c> to the Service Bus queue with MessageId <c>{jobId}-{attempt}</c>;
/// the queue's duplicate detection drops a re-sent message, so a re-run is safe.
/// </summary>
public sealed class DispatchTraining(ServiceBusClient serviceBus, IOptions<ServiceBusSettings> options, ILogger<DispatchTraining> logger)
    : TaskActivity<DispatchTrainingInput, string>
{
    public const string MessageSubject = "TrainingJobRequested";

    public override Task<string> RunAsync(TaskActivityContext context, DispatchTrainingInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return SendAsync(input.Request, CancellationToken.None);
    }

    /// <summary>Sends <paramref name="request"/> as the activity does; also used by hosts that re-queue a dispatch their broker lost.</summary>
    public async Task<string> SendAsync(TrainingJobRequested request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var message = new ServiceBusMessage(JsonSerializer.SerializeToUtf8Bytes(request, WireJson.Options))
        {
            MessageId = request.MessageId,
            ContentType = BlobJson.JsonContentType,
            Subject = MessageSubject,
            CorrelationId = request.JobId,
            ApplicationProperties = { ["jobId"] = request.JobId, ["attempt"] = request.Attempt },
        };
        if (Activity.Current is { } span)
        {
            // The runner continues this trace: its job span is a child of this dispatch.
            message.ApplicationProperties[PlatformOpenTelemetry.TraceParentProperty] = span.Id;
        }

        await using var sender = serviceBus.CreateSender(options.Value.QueueName);
        await sender.SendMessageAsync(message, cancellationToken);
        logger.LogInformation("Job {JobId}: dispatched attempt {Attempt} as message {MessageId}", request.JobId, request.Attempt, request.MessageId);
        return request.MessageId;
    }
}
