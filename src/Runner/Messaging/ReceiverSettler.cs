using Azure.Messaging.ServiceBus;

namespace Platform.Runner.Messaging;

/// <summary>Settles through the receiver that took the message. Never with the stopping token: an abandon must still go out while stopping.</summary>
internal sealed class ReceiverSettler(ServiceBusReceiver receiver, ServiceBusReceivedMessage message) : IMessageSettler
{
    public Task CompleteAsync() => receiver.CompleteMessageAsync(message, CancellationToken.None);

    public Task AbandonAsync() => receiver.AbandonMessageAsync(message, cancellationToken: CancellationToken.None);

    public Task DeadLetterAsync(string reason, string description) =>
        receiver.DeadLetterMessageAsync(message, reason, description, CancellationToken.None);
}
