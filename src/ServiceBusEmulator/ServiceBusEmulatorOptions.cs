using Platform.ServiceBusEmulator.Configuration;

namespace Platform.ServiceBusEmulator;

/// <summary>Everything the broker needs to start: where to listen and which queues exist.</summary>
public sealed record ServiceBusEmulatorOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free one (read it back from <see cref="Hosting.ServiceBusEmulatorHost.Port"/>).</summary>
    public int Port { get; init; } = 5672;

    public IReadOnlyList<QueueConfig> Queues { get; init; } = [];

    public bool AutoCreateQueues { get; init; }

    /// <summary>Settings of auto-created queues.</summary>
    public QueueProperties DefaultQueueProperties { get; init; } = new();

    public int MaxMessageSizeInKilobytes { get; init; } = 256;

    /// <summary>How often lock expiry, scheduled messages and time-to-live are checked.</summary>
    public TimeSpan MaintenanceInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Reasons parts of the configuration file were ignored (topics, forwarding); logged at start.</summary>
    public IReadOnlyList<string> ConfigurationWarnings { get; init; } = [];
}
