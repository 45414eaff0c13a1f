namespace Platform.ServiceBusEmulator.Broker;

/// <summary>Settlement by lock token: complete, abandon, dead-letter, defer, renew.</summary>
internal sealed partial class QueueEntity
{
    public const string MaxDeliveryCountExceeded = "MaxDeliveryCountExceeded";
    public const string TtlExpired = "TTLExpiredException";

    public SettleOutcome Complete(Guid lockToken) => Settle(lockToken, message =>
    {
        Remove(message);
        return false;
    });

    public SettleOutcome Abandon(Guid lockToken, IReadOnlyDictionary<string, object?>? propertiesToModify) =>
        Settle(lockToken, message =>
        {
            ApplyProperties(message, propertiesToModify);
            return Unlock(message);
        });

    public SettleOutcome Defer(Guid lockToken, IReadOnlyDictionary<string, object?>? propertiesToModify) =>
        Settle(lockToken, message =>
        {
            ApplyProperties(message, propertiesToModify);
            message.Deferred = true;
            ReleaseLock(message);
            message.State = MessageState.Deferred;
            return false;
        });

    public SettleOutcome DeadLetter(Guid lockToken, string? reason, string? description, IReadOnlyDictionary<string, object?>? propertiesToModify) =>
        Settle(lockToken, message =>
        {
            ApplyProperties(message, propertiesToModify);
            MoveToDeadLetter(message, reason, description);
            return false;
        });

    /// <summary>Extends the lock by the queue's lock duration; null when the lock is already lost.</summary>
    public DateTime? RenewLock(Guid lockToken)
    {
        lock (_sync)
        {
            var now = UtcNow;
            if (!_locked.TryGetValue(lockToken, out var message) || message.LockedUntil <= now)
            {
                return null;
            }

            message.LockedUntil = now + Properties.LockDuration;
            return message.LockedUntil;
        }
    }

    private SettleOutcome Settle(Guid lockToken, Func<StoredMessage, bool> action)
    {
        bool pump;
        lock (_sync)
        {
            if (!_locked.TryGetValue(lockToken, out var message) || message.LockedUntil <= UtcNow)
            {
                return SettleOutcome.LockLost;
            }

            pump = action(message);
        }

        if (pump)
        {
            Pump();
        }

        DeadLetterQueue?.Pump();
        return SettleOutcome.Done;
    }

    /// <summary>Ends a lock (abandon or expiry): back to the queue, or to the dead-letter queue past MaxDeliveryCount.</summary>
    /// <returns>True when the message is available again.</returns>
    private bool Unlock(StoredMessage message)
    {
        ReleaseLock(message);
        if (message.Deferred)
        {
            message.State = MessageState.Deferred;
            return false;
        }

        if (DeadLetterQueue is not null && message.DeliveryCount >= Properties.MaxDeliveryCount)
        {
            MoveToDeadLetter(
                message,
                MaxDeliveryCountExceeded,
                $"Message could not be consumed after {Properties.MaxDeliveryCount} delivery attempts.");
            return false;
        }

        message.State = MessageState.Available;
        _available.Add(message.SequenceNumber);
        return true;
    }

    private void ReleaseLock(StoredMessage message)
    {
        _locked.Remove(message.LockToken);
        message.LockToken = Guid.Empty;
    }

    private void MoveToDeadLetter(StoredMessage message, string? reason, string? description)
    {
        Remove(message);
        if (DeadLetterQueue is null)
        {
            return;
        }

        var values = new Dictionary<string, object?>();
        if (reason is not null)
        {
            values[AnnotationNames.DeadLetterReason] = reason;
        }

        if (description is not null)
        {
            values[AnnotationNames.DeadLetterErrorDescription] = description;
        }

        ApplyProperties(message, values);
        Log.DeadLettered(_logger, Name, message.SequenceNumber, reason);
        DeadLetterQueue.AcceptDeadLettered(message, Name);
    }

    private void ApplyProperties(StoredMessage message, IReadOnlyDictionary<string, object?>? values)
    {
        if (values is not { Count: > 0 })
        {
            return;
        }

        var before = message.Size;
        message.Payload = MessageCodec.WithApplicationProperties(message.Payload, values);
        if (_all.ContainsKey(message.SequenceNumber))
        {
            Interlocked.Add(ref _bytes, message.Size - before);
        }
    }
}
