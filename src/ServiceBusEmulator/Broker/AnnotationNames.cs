namespace Platform.ServiceBusEmulator.Broker;

/// <summary>The Service Bus message annotations and application properties the SDK reads.</summary>
internal static class AnnotationNames
{
    public const string EnqueuedTime = "x-opt-enqueued-time";
    public const string SequenceNumber = "x-opt-sequence-number";
    public const string EnqueueSequenceNumber = "x-opt-enqueue-sequence-number";
    public const string LockedUntil = "x-opt-locked-until";
    public const string ScheduledEnqueueTime = "x-opt-scheduled-enqueue-time";
    public const string DeadLetterSource = "x-opt-deadletter-source";
    public const string DeadLetterReason = "DeadLetterReason";
    public const string DeadLetterErrorDescription = "DeadLetterErrorDescription";
}
