using Microsoft.Extensions.Logging;

namespace Platform.ServiceBusEmulator.Broker;

/// <summary>The broker's structured log events.</summary>
internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue {Queue} refused a send: {Reason}")]
    public static partial void QuotaExceeded(ILogger logger, string queue, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Queue {Queue} dropped duplicate message {MessageId}")]
    public static partial void DuplicateDropped(ILogger logger, string queue, string? messageId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Queue {Queue} dead-lettered message {SequenceNumber}: {Reason}")]
    public static partial void DeadLettered(ILogger logger, string queue, long sequenceNumber, string? reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Queue {Queue}: lock on message {SequenceNumber} expired after delivery {DeliveryCount}")]
    public static partial void LockExpired(ILogger logger, string queue, long sequenceNumber, int deliveryCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Queue {Queue} created (lock {LockDuration}, max deliveries {MaxDeliveryCount})")]
    public static partial void QueueCreated(ILogger logger, string queue, TimeSpan lockDuration, int maxDeliveryCount);
}
