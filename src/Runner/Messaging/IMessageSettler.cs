namespace Platform.Runner.Messaging;

/// <summary>Settles the message being processed, whether it came from the processor (<c>serve</c>) or a receiver (<c>serve --once</c>).</summary>
internal interface IMessageSettler
{
    Task CompleteAsync();

    Task AbandonAsync();

    Task DeadLetterAsync(string reason, string description);
}
