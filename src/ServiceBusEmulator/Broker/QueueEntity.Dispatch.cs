using Microsoft.Azure.Amqp;

namespace Platform.ServiceBusEmulator.Broker;

/// <summary>Dispatch: hands available messages to consumers with credit, round robin, in sequence order.</summary>
internal sealed partial class QueueEntity
{
    private readonly List<IMessageConsumer> _consumers = [];
    private int _nextConsumer;

    public void AddConsumer(IMessageConsumer consumer)
    {
        lock (_sync)
        {
            _consumers.Add(consumer);
        }

        Pump();
    }

    public void RemoveConsumer(IMessageConsumer consumer)
    {
        lock (_sync)
        {
            _consumers.Remove(consumer);
        }
    }

    /// <summary>Sends as many available messages as consumers have credit for.</summary>
    public void Pump()
    {
        List<(IMessageConsumer Consumer, AmqpMessage Message, Guid Tag)>? deliveries = null;
        lock (_sync)
        {
            var now = UtcNow;
            var idle = 0;
            while (_available.Count > 0 && _consumers.Count > 0 && idle < _consumers.Count)
            {
                var consumer = _consumers[_nextConsumer++ % _consumers.Count];
                if (consumer.FreeCredit <= 0)
                {
                    idle++;
                    continue;
                }

                idle = 0;
                if (TakeNextAvailable(now) is not { } message)
                {
                    break;
                }

                var tag = Guid.NewGuid();
                message.DeliveryCount++;
                AmqpMessage outgoing;
                if (consumer.ReceiveAndDelete)
                {
                    Remove(message);
                    outgoing = MessageCodec.BuildOutgoing(message, (uint)(message.DeliveryCount - 1), withLock: false);
                }
                else
                {
                    LockMessage(message, tag, now);
                    outgoing = MessageCodec.BuildOutgoing(message, (uint)(message.DeliveryCount - 1), withLock: true);
                }

                consumer.Reserve();
                (deliveries ??= []).Add((consumer, outgoing, tag));
            }
        }

        foreach (var (consumer, message, tag) in deliveries ?? [])
        {
            if (!consumer.Deliver(message, tag))
            {
                message.Dispose();
                ReturnUndelivered(tag);
            }
        }
    }

    private StoredMessage? TakeNextAvailable(DateTime now)
    {
        while (_available.Count > 0)
        {
            var message = _all[_available.Min];
            _available.Remove(message.SequenceNumber);
            if (message.ExpiresAt > now)
            {
                return message;
            }

            Expire(message);
        }

        return null;
    }

    private void LockMessage(StoredMessage message, Guid token, DateTime now)
    {
        message.State = MessageState.Locked;
        message.LockToken = token;
        message.LockedUntil = now + Properties.LockDuration;
        _locked.Add(token, message);
    }

    /// <summary>A link that closed before the transfer: the delivery did not happen.</summary>
    private void ReturnUndelivered(Guid token)
    {
        lock (_sync)
        {
            if (_locked.Remove(token, out var message))
            {
                message.DeliveryCount--;
                message.LockToken = Guid.Empty;
                message.State = message.Deferred ? MessageState.Deferred : MessageState.Available;
                if (!message.Deferred)
                {
                    _available.Add(message.SequenceNumber);
                }
            }
        }
    }
}
