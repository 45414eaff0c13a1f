using Microsoft.Azure.Amqp;

namespace Platform.ServiceBusEmulator.Broker;

/// <summary>Time-driven work (lock expiry, scheduled messages, time to live) and the read-only views.</summary>
internal sealed partial class QueueEntity
{
    private DateTime _nextExpiryScan;

    public void RunMaintenance()
    {
        var pump = false;
        lock (_sync)
        {
            var now = UtcNow;
            foreach (var message in _locked.Values.Where(m => m.LockedUntil <= now).ToList())
            {
                Log.LockExpired(_logger, Name, message.SequenceNumber, message.DeliveryCount);
                pump |= Unlock(message);
            }

            foreach (var message in _all.Values.Where(m => m.State == MessageState.Scheduled && m.ScheduledEnqueueTime <= now).ToList())
            {
                Activate(message, now);
                pump = true;
            }

            // Expired messages are also skipped at dispatch; this sweep frees their memory.
            if (now >= _nextExpiryScan)
            {
                _nextExpiryScan = now.AddSeconds(1);
                foreach (var message in _all.Values.Where(m => m.ExpiresAt <= now && m.State is MessageState.Available or MessageState.Deferred).ToList())
                {
                    _available.Remove(message.SequenceNumber);
                    Expire(message);
                }
            }

            PruneDuplicateHistory(now);
        }

        if (pump)
        {
            Pump();
        }

        DeadLetterQueue?.RunMaintenance();
    }

    /// <summary>Encoded copies of up to <paramref name="count"/> messages from a sequence number on (peek).</summary>
    public IReadOnlyList<byte[]> Peek(long fromSequenceNumber, int count)
    {
        lock (_sync)
        {
            var now = UtcNow;
            var result = new List<byte[]>();
            foreach (var message in _all.Values)
            {
                if (result.Count >= count)
                {
                    break;
                }

                if (message.SequenceNumber < fromSequenceNumber || message.ExpiresAt <= now)
                {
                    continue;
                }

                using var copy = MessageCodec.BuildOutgoing(message, (uint)message.DeliveryCount, withLock: false);
                result.Add(MessageCodec.Encode(copy));
            }

            return result;
        }
    }

    /// <summary>Locks deferred messages by sequence number; missing ones make the whole request fail.</summary>
    public IReadOnlyList<(Guid LockToken, byte[] Payload)>? ReceiveDeferred(IEnumerable<long> sequenceNumbers)
    {
        lock (_sync)
        {
            var now = UtcNow;
            var found = new List<StoredMessage>();
            foreach (var number in sequenceNumbers)
            {
                if (!_all.TryGetValue(number, out var message) || message.State != MessageState.Deferred || message.ExpiresAt <= now)
                {
                    return null;
                }

                found.Add(message);
            }

            var result = new List<(Guid, byte[])>(found.Count);
            foreach (var message in found)
            {
                var token = Guid.NewGuid();
                message.DeliveryCount++;
                LockMessage(message, token, now);
                using AmqpMessage copy = MessageCodec.BuildOutgoing(message, (uint)(message.DeliveryCount - 1), withLock: true);
                result.Add((token, MessageCodec.Encode(copy)));
            }

            return result;
        }
    }

    private void Expire(StoredMessage message)
    {
        if (Properties.DeadLetteringOnMessageExpiration && DeadLetterQueue is not null)
        {
            MoveToDeadLetter(message, TtlExpired, "The message expired and was dead lettered.");
        }
        else
        {
            Remove(message);
        }
    }
}
