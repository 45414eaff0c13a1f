using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;
using Platform.ServiceBusEmulator.Broker;

namespace Platform.ServiceBusEmulator.Amqp;

/// <summary>A client's send link: stores each message (or batch) and answers Accepted or a quota error.</summary>
internal sealed class PublisherLink
{
    private readonly QueueEntity _queue;
    private readonly ReceivingAmqpLink _link;

    public PublisherLink(QueueEntity queue, ReceivingAmqpLink link)
    {
        _queue = queue;
        _link = link;
        link.RegisterMessageListener(OnMessage);
    }

    private void OnMessage(AmqpMessage message)
    {
        DeliveryState outcome;
        try
        {
            var result = _queue.Enqueue(MessageCodec.ReadIncoming(message));
            outcome = result.Accepted
                ? AmqpConstants.AcceptedOutcome
                : new Rejected { Error = new Error { Condition = AmqpErrorCode.ResourceLimitExceeded, Description = result.Error } };
        }
        catch (Exception exception) when (exception is AmqpException or InvalidOperationException or FormatException)
        {
            outcome = new Rejected { Error = new Error { Condition = AmqpErrorCode.DecodeError, Description = exception.Message } };
        }

        _link.DisposeMessage(message, outcome, true, message.Batchable);
        message.Dispose();
    }
}
