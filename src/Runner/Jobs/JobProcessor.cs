using System.Diagnostics;
using System.Text.Json;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Runner.Hosting;
using Platform.Runner.Messaging;
using Platform.Runner.Storage;
using Platform.Shared.Jobs;
using Platform.Shared.Telemetry;

namespace Platform.Runner.Jobs;

/// <summary>
/// Handles one <c>training-jobs</c> message: a finished job re-emits its event; otherwise train, send the
/// event, complete. Permanent errors dead-letter with a Failed event; transient errors and a stopping
/// runner abandon the message so another delivery resumes from the mirrored checkpoint.
/// </summary>
internal sealed class JobProcessor(
    JobExecution execution,
    JobStorage storage,
    TrainingEventPublisher events,
    IOptions<RunnerSettings> settings,
    ILogger<JobProcessor> logger)
{
    public async Task<MessageOutcome> ProcessAsync(ServiceBusReceivedMessage message, IMessageSettler settler, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(settler);
        using var span = RunnerTelemetry.StartJob(message);
        var started = Stopwatch.GetTimestamp();
        var handled = await HandleAsync(message, settler, span, stopping);
        RunnerTelemetry.Settled(span, handled.Outcome, Stopwatch.GetElapsedTime(started), handled.Error);
        return handled.Settled;
    }

    private async Task<Handled> HandleAsync(ServiceBusReceivedMessage message, IMessageSettler settler, Activity? span, CancellationToken stopping)
    {
        TrainingJobRequested job;
        try
        {
            job = Parse(message.Body);
        }
        catch (JsonException ex)
        {
            RunnerLog.InvalidMessage(logger, message.MessageId, ex.Message);
            await TryPublishFailedAsync(message, ex.Message);
            await settler.DeadLetterAsync(FailureClassifier.InvalidMessage, FailureClassifier.Describe(ex));
            return new Handled(MessageOutcome.DeadLettered, "invalid_message", ex.Message);
        }

        span?.SetTag(PlatformOpenTelemetry.JobIdKey, job.JobId);
        span?.SetTag("job.attempt", job.Attempt);
        using var scope = logger.BeginScope("Job {JobId} attempt {Attempt}", job.JobId, job.Attempt);
        RunnerLog.JobReceived(logger, job.JobId, job.Attempt, message.DeliveryCount);
        try
        {
            var previous = await storage.ReadJsonAsync<JobResultDocument>(JobBlobs.Result(job.JobId), stopping);
            if (previous is not null && previous.Event.Attempt > job.Attempt)
            {
                return await DropSupersededAsync(job, JobBlobs.Result(job.JobId), previous.Event.Attempt, settler);
            }

            if (previous is not null)
            {
                RunnerLog.AlreadyFinished(logger, job.JobId, previous.Event.Outcome);
                await events.PublishAsync(previous.Event with { Attempt = job.Attempt }, stopping);
                await settler.CompleteAsync();
                return new Handled(MessageOutcome.Completed, "already_finished");
            }

            // One that cannot be read holds no attempt: it is rewritten when this attempt starts.
            var (current, etag) = await storage.ReadJsonWithETagAsync<JobStatusDocument>(JobBlobs.Status(job.JobId), stopping);
            if (current is not null && current.Attempt > job.Attempt)
            {
                return await DropSupersededAsync(job, JobBlobs.Status(job.JobId), current.Attempt, settler);
            }

            // Only jobs this platform prepared are trained: a message naming any other id (forged, or its data deleted)
            // leaves nothing behind, not even a status.json.
            var train = JobBlobs.Split(job.DataFrom, SplitNames.Train);
            if (current is null && !await storage.ExistsAsync(train, stopping))
            {
                var error = $"Job {job.JobId} has no prepared data ({train} is not in the jobs container): the message does not come from a job the pipeline prepared, or the job's data was deleted. Nothing was trained or written.";
                RunnerLog.NotPrepared(logger, job.JobId, job.Attempt, train);
                await events.PublishAsync(new TrainingFinished(job.JobId, job.Attempt, TrainingOutcome.Failed, FailureClassifier.JobNotPrepared, error), stopping);
                await settler.DeadLetterAsync(FailureClassifier.JobNotPrepared, error);
                return new Handled(MessageOutcome.DeadLettered, "job_not_prepared", error);
            }

            // A redelivery of the attempt in status.json keeps the time the attempt was first taken.
            var takenAt = current is { TakenAt: { } taken } && current.Attempt == job.Attempt ? taken : DateTimeOffset.UtcNow;
            return await TrainAsync(job, takenAt, etag, settler, stopping);
        }
        catch (Exception ex) when (ex is OperationCanceledException && stopping.IsCancellationRequested)
        {
            RunnerLog.Interrupted(logger, job.JobId, job.Attempt);
            await settler.AbandonAsync();
            return new Handled(MessageOutcome.Abandoned, "interrupted");
        }
        catch (Exception ex)
        {
            RunnerLog.TransientFailure(logger, job.JobId, job.Attempt, message.DeliveryCount, ex);
            span?.AddException(ex);
            await settler.AbandonAsync();
            return new Handled(MessageOutcome.Abandoned, "transient_failure", ex.Message);
        }
    }

    /// <summary>
    /// A message of an attempt older than the one the job's documents hold (a late redelivery after a re-dispatch): training
    /// it would overwrite the newer attempt's status and checkpoints, so it is completed with nothing written or sent.
    /// </summary>
    private async Task<Handled> DropSupersededAsync(TrainingJobRequested job, string document, int currentAttempt, IMessageSettler settler)
    {
        RunnerLog.SupersededAttempt(logger, job.JobId, job.Attempt, document, currentAttempt);
        await settler.CompleteAsync();
        return Superseded;
    }

    private async Task<Handled> TrainAsync(TrainingJobRequested job, DateTimeOffset takenAt, Azure.ETag? read, IMessageSettler settler, CancellationToken stopping)
    {
        await using var status = await JobStatusReporter.StartAsync(storage, job, takenAt, read, settings.Value.HeartbeatInterval, logger, stopping);
        if (status.SupersededBy is not null)
        {
            // A newer attempt took the job between the read and the first write (the reporter logged it).
            await settler.CompleteAsync();
            return Superseded;
        }

        try
        {
            var finished = await execution.RunAsync(job, status, stopping);
            await events.PublishAsync(finished, stopping);
            await settler.CompleteAsync();
            return new Handled(MessageOutcome.Completed, finished.Outcome.ToString().ToLowerInvariant());
        }
        catch (AttemptSupersededException)
        {
            // The newer attempt owns the job, its status, package and result; this delivery is done (the reporter logged it).
            await settler.CompleteAsync();
            return Superseded;
        }
        catch (Exception ex) when (FailureClassifier.PermanentCode(ex) is { } code)
        {
            var description = FailureClassifier.Describe(ex);
            RunnerLog.PermanentFailure(logger, job.JobId, job.Attempt, code, description);
            await status.FinishAsync(RunnerPhases.Failed, null, description, CancellationToken.None);
            await events.PublishAsync(new TrainingFinished(job.JobId, job.Attempt, TrainingOutcome.Failed, code, description), CancellationToken.None);
            await settler.DeadLetterAsync(code, description);
            return new Handled(MessageOutcome.DeadLettered, "failed", description);
        }
        catch (Exception ex) when (ex is OperationCanceledException && stopping.IsCancellationRequested)
        {
            await status.FinishAsync(RunnerPhases.Interrupted, null, "The runner stopped; another delivery resumes from the last checkpoint.", CancellationToken.None);
            throw;
        }
    }

    private static readonly Handled Superseded = new(MessageOutcome.Completed, "superseded");

    private static TrainingJobRequested Parse(BinaryData body)
    {
        var job = body.ToObjectFromJson<TrainingJobRequested>(WireJson.Options);
        if (job is null || string.IsNullOrWhiteSpace(job.JobId) || job.Training is null || string.IsNullOrWhiteSpace(job.BaseModel))
        {
            throw new JsonException("The message is not a TrainingJobRequested: jobId, baseModel and training are required.");
        }

        return job;
    }

    /// <summary>A message too broken to parse may still name its job; then the orchestration hears about it.</summary>
    private async Task TryPublishFailedAsync(ServiceBusReceivedMessage message, string error)
    {
        try
        {
            using var document = JsonDocument.Parse(message.Body);
            var properties = document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.EnumerateObject().ToList() : [];
            var id = properties.FirstOrDefault(p => p.Name.Equals("jobId", StringComparison.OrdinalIgnoreCase)).Value;
            if (id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 } jobId)
            {
                var a = properties.FirstOrDefault(p => p.Name.Equals("attempt", StringComparison.OrdinalIgnoreCase)).Value;
                var attempt = a.ValueKind == JsonValueKind.Number && a.TryGetInt32(out var n) ? n : 0;
                await events.PublishAsync(new TrainingFinished(jobId, attempt, TrainingOutcome.Failed, FailureClassifier.InvalidMessage, error), CancellationToken.None);
            }
        }
        catch (JsonException)
        {
            // Not JSON at all: nothing to route an event to.
        }
    }

    /// <summary>How a message was settled, and the outcome its span and metrics record.</summary>
    private readonly record struct Handled(MessageOutcome Settled, string Outcome, string? Error = null);
}
