namespace Platform.ServiceBusEmulator.Configuration;

/// <summary>Emulator-only settings (the <c>Broker</c> object next to <c>UserConfig</c>).</summary>
public sealed record BrokerSettings
{
    /// <summary>Create a queue with <see cref="DefaultQueueProperties"/> the first time a client names it.</summary>
    public bool AutoCreateQueues { get; init; }

    public QueueProperties DefaultQueueProperties { get; init; } = new();

    /// <summary>Largest message a sender may send; 256 KB is the Standard tier's limit.</summary>
    public int MaxMessageSizeInKilobytes { get; init; } = 256;
}
