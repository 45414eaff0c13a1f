using Azure.Messaging.ServiceBus;

namespace Platform.Runner.Messaging;

/// <summary>Settles through the processor's event args. Never with the stopping token: an abandon must still go out while stopping.</summary>
internal sealed class ProcessorSettler(ProcessMessageEventArgs args) : IMessageSettler
{
    public Task CompleteAsync() => args.CompleteMessageAsync(args.Message, CancellationToken.None);

    public Task AbandonAsync() => args.AbandonMessageAsync(args.Message, cancellationToken: CancellationToken.None);

    public Task DeadLetterAsync(string reason, string description) =>
        args.DeadLetterMessageAsync(args.Message, reason, description, CancellationToken.None);
}
