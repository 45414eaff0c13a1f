using Microsoft.Extensions.Logging;
using Platform.Shared.Jobs;

namespace Platform.Runner;

/// <summary>Structured log messages of the service mode; every job message carries the job id.</summary>
internal static partial class RunnerLog
{
    [LoggerMessage(1, LogLevel.Information, "Listening on Service Bus queue {Queue} (one job at a time)")]
    public static partial void Listening(ILogger logger, string queue);

    [LoggerMessage(2, LogLevel.Information, "Job {JobId} attempt {Attempt} received (delivery {DeliveryCount})")]
    public static partial void JobReceived(ILogger logger, string jobId, int attempt, int deliveryCount);

    [LoggerMessage(3, LogLevel.Information, "Job {JobId} already ended {Outcome}; re-sending its event without training")]
    public static partial void AlreadyFinished(ILogger logger, string jobId, TrainingOutcome outcome);

    [LoggerMessage(4, LogLevel.Information, "Job {JobId} attempt {Attempt} training on {TrainCount} examples from {BaseModel} on {Device} from step {StartStep}")]
    public static partial void TrainingStarted(ILogger logger, string jobId, int attempt, int trainCount, string baseModel, string device, int startStep);

    [LoggerMessage(5, LogLevel.Information, "Job {JobId} attempt {Attempt} succeeded after {Steps} steps, best validation macro-F1 {MacroF1:0.0000} (resumed: {Resumed})")]
    public static partial void TrainingSucceeded(ILogger logger, string jobId, int attempt, int steps, double macroF1, bool resumed);

    [LoggerMessage(6, LogLevel.Warning, "Job {JobId} attempt {Attempt} was cancelled")]
    public static partial void TrainingCancelled(ILogger logger, string jobId, int attempt);

    [LoggerMessage(7, LogLevel.Error, "Job {JobId} attempt {Attempt} failed permanently ({Reason}): {Description}; dead-lettering the message")]
    public static partial void PermanentFailure(ILogger logger, string jobId, int attempt, string reason, string description);

    [LoggerMessage(8, LogLevel.Warning, "Job {JobId} attempt {Attempt} failed on delivery {DeliveryCount}; abandoning the message for redelivery")]
    public static partial void TransientFailure(ILogger logger, string jobId, int attempt, int deliveryCount, Exception exception);

    [LoggerMessage(9, LogLevel.Warning, "Job {JobId} attempt {Attempt} interrupted by shutdown; the message is abandoned and resumes from the last checkpoint")]
    public static partial void Interrupted(ILogger logger, string jobId, int attempt);

    [LoggerMessage(10, LogLevel.Error, "Message {MessageId} is not a valid training job: {Error}; dead-lettering it")]
    public static partial void InvalidMessage(ILogger logger, string messageId, string error);

    [LoggerMessage(24, LogLevel.Error, "Job {JobId} attempt {Attempt} has no prepared data ({TrainBlob} is missing); dead-lettering it with nothing written")]
    public static partial void NotPrepared(ILogger logger, string jobId, int attempt, string trainBlob);

    [LoggerMessage(11, LogLevel.Information, "Job {JobId} attempt {Attempt}: {Outcome} event sent to {Queue}")]
    public static partial void EventSent(ILogger logger, string jobId, int attempt, TrainingOutcome outcome, string queue);

    [LoggerMessage(12, LogLevel.Information, "Job {JobId} checkpoint at step {Step} mirrored to {Folder}")]
    public static partial void CheckpointUploaded(ILogger logger, string jobId, int step, string folder);

    [LoggerMessage(13, LogLevel.Information, "Job {JobId} resumes from the mirrored checkpoint at step {Step} ({Folder})")]
    public static partial void CheckpointRestored(ILogger logger, string jobId, int step, string folder);

    [LoggerMessage(14, LogLevel.Warning, "Job {JobId} cancel marker found; stopping training")]
    public static partial void CancelRequested(ILogger logger, string jobId);

    [LoggerMessage(15, LogLevel.Warning, "Job {JobId} cancel marker check failed; trying again")]
    public static partial void CancelCheckFailed(ILogger logger, string jobId, Exception exception);

    [LoggerMessage(16, LogLevel.Warning, "Job {JobId} heartbeat write failed; trying again")]
    public static partial void HeartbeatFailed(ILogger logger, string jobId, Exception exception);

    [LoggerMessage(17, LogLevel.Warning, "Lock renewal of message {MessageId} failed")]
    public static partial void LockRenewalFailed(ILogger logger, string messageId, Exception exception);

    [LoggerMessage(18, LogLevel.Warning, "Could not delete the work folder {Folder}")]
    public static partial void CleanupFailed(ILogger logger, string folder, Exception exception);

    [LoggerMessage(19, LogLevel.Error, "Service Bus error in {ErrorSource} on {EntityPath}")]
    public static partial void ServiceBusError(ILogger logger, string errorSource, string entityPath, Exception exception);

    [LoggerMessage(20, LogLevel.Information, "No message arrived on {Queue} within {Wait}; nothing to do")]
    public static partial void NoMessage(ILogger logger, string queue, TimeSpan wait);

    [LoggerMessage(21, LogLevel.Error, "Message {MessageId} could not be settled")]
    public static partial void SettlementFailed(ILogger logger, string messageId, Exception exception);

    [LoggerMessage(22, LogLevel.Information, "Job {JobId} base model {BaseModel}: {FileCount} files downloaded from container {Container}")]
    public static partial void BaseModelDownloaded(ILogger logger, string jobId, string baseModel, int fileCount, string container);

    [LoggerMessage(23, LogLevel.Warning, "Job {JobId} attempt {Attempt} is superseded: {Document} holds attempt {CurrentAttempt}; completing the message without training")]
    public static partial void SupersededAttempt(ILogger logger, string jobId, int attempt, string document, int currentAttempt);
}
