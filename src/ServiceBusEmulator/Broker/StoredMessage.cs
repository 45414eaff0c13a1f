namespace Platform.ServiceBusEmulator.Broker;

/// <summary>A message held by a queue: the client's encoded AMQP message plus the broker's bookkeeping.</summary>
/// <remarks>Mutated only under the owning queue's lock.</remarks>
internal sealed class StoredMessage(long sequenceNumber, byte[] payload)
{
    public long SequenceNumber { get; } = sequenceNumber;

    /// <summary>The encoded message as the sender sent it, with property changes from abandon/dead-letter applied.</summary>
    public byte[] Payload { get; set; } = payload;

    public string? MessageId { get; init; }

    public TimeSpan? TimeToLive { get; init; }

    public DateTime EnqueuedTime { get; set; }

    public DateTime ExpiresAt { get; set; } = DateTime.MaxValue;

    public DateTime? ScheduledEnqueueTime { get; init; }

    /// <summary>Deliveries so far, the current one included.</summary>
    public int DeliveryCount { get; set; }

    public MessageState State { get; set; }

    /// <summary>Set once deferred: the message leaves the active set and comes back only by sequence number.</summary>
    public bool Deferred { get; set; }

    public Guid LockToken { get; set; }

    public DateTime LockedUntil { get; set; }

    public string? DeadLetterSource { get; set; }

    public long Size => Payload.Length;
}
