using Microsoft.Azure.Amqp;

namespace Platform.ServiceBusEmulator.Broker;

/// <summary>A receiver attached to a queue: how many messages it can take now, and how to hand it one.</summary>
internal interface IMessageConsumer
{
    bool ReceiveAndDelete { get; }

    /// <summary>Link credit not yet used by sent or reserved messages.</summary>
    long FreeCredit { get; }

    /// <summary>Counts a message chosen for this consumer under the queue lock, before <see cref="Deliver"/>.</summary>
    void Reserve();

    /// <summary>Sends the message outside the queue lock; returns false when the link has gone.</summary>
    bool Deliver(AmqpMessage message, Guid deliveryTag);
}
