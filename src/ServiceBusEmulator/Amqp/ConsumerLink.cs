using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;
using Platform.ServiceBusEmulator.Broker;

namespace Platform.ServiceBusEmulator.Amqp;

/// <summary>A client's receive link: takes messages from a queue and turns dispositions into settlements.</summary>
internal sealed class ConsumerLink : IMessageConsumer
{
    private readonly QueueEntity _queue;
    private readonly SendingAmqpLink _link;
    private long _reserved;

    public ConsumerLink(QueueEntity queue, SendingAmqpLink link)
    {
        _queue = queue;
        _link = link;
        ReceiveAndDelete = link.Settings.SettleType == SettleMode.SettleOnSend;
        link.RegisterCreditListener((_, _, _) => _queue.Pump());
        link.RegisterDispositionListener(OnDisposition);
        link.Closed += (_, _) => _queue.RemoveConsumer(this);
    }

    public bool ReceiveAndDelete { get; }

    public long FreeCredit
    {
        get
        {
            if (_link.State != AmqpObjectState.Opened)
            {
                return 0;
            }

            var credit = _link.LinkCredit == uint.MaxValue ? long.MaxValue / 2 : _link.LinkCredit;
            return credit - _link.Available - Interlocked.Read(ref _reserved);
        }
    }

    public void Reserve() => Interlocked.Increment(ref _reserved);

    public bool Deliver(AmqpMessage message, Guid deliveryTag)
    {
        try
        {
            _link.SendMessageNoWait(message, new ArraySegment<byte>(deliveryTag.ToByteArray()), AmqpConstants.NullBinary);
            return true;
        }
        catch (Exception exception) when (exception is InvalidOperationException or ObjectDisposedException or AmqpException)
        {
            return false;
        }
        finally
        {
            Interlocked.Decrement(ref _reserved);
        }
    }

    private void OnDisposition(Delivery delivery)
    {
        var outcome = Settle(delivery);
        if (!delivery.Settled)
        {
            _link.DisposeDelivery(delivery, true, outcome);
        }
    }

    private Outcome Settle(Delivery delivery)
    {
        if (ReceiveAndDelete || delivery.DeliveryTag.Count != 16)
        {
            return AmqpConstants.AcceptedOutcome;
        }

        var token = new Guid(delivery.DeliveryTag.AsSpan());
        var state = delivery.State;
        var result = state switch
        {
            Accepted => _queue.Complete(token),
            Modified { UndeliverableHere: true } modified => _queue.Defer(token, PropertyMaps.From(modified.MessageAnnotations)),
            Modified modified => _queue.Abandon(token, PropertyMaps.From(modified.MessageAnnotations)),
            Rejected rejected => DeadLetter(token, rejected),
            Released => _queue.Abandon(token, null),
            _ => SettleOutcome.Done,
        };
        // The SDK reads any Rejected reply with an error as a failure, so a done dead-letter is answered Accepted.
        return result == SettleOutcome.Done ? AmqpConstants.AcceptedOutcome : ErrorConditions.LockLost();
    }

    private SettleOutcome DeadLetter(Guid token, Rejected rejected)
    {
        var info = PropertyMaps.From(rejected.Error?.Info);
        var properties = info?.Where(p => p.Key is not Broker.AnnotationNames.DeadLetterReason and not Broker.AnnotationNames.DeadLetterErrorDescription)
            .ToDictionary(p => p.Key, p => p.Value);
        return _queue.DeadLetter(
            token,
            info?.GetValueOrDefault(Broker.AnnotationNames.DeadLetterReason) as string,
            info?.GetValueOrDefault(Broker.AnnotationNames.DeadLetterErrorDescription) as string,
            properties);
    }
}
