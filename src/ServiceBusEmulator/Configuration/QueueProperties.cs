namespace Platform.ServiceBusEmulator.Configuration;

/// <summary>Per-queue settings, named as in the official emulator's <c>Config.json</c> plus two size limits.</summary>
public sealed record QueueProperties
{
    public TimeSpan LockDuration { get; init; } = TimeSpan.FromMinutes(1);

    public int MaxDeliveryCount { get; init; } = 10;

    /// <summary>Upper bound of every message's time to live; <see cref="TimeSpan.MaxValue"/> means never.</summary>
    public TimeSpan DefaultMessageTimeToLive { get; init; } = TimeSpan.MaxValue;

    public bool RequiresDuplicateDetection { get; init; }

    public TimeSpan DuplicateDetectionHistoryTimeWindow { get; init; } = TimeSpan.FromMinutes(10);

    public bool DeadLetteringOnMessageExpiration { get; init; }

    /// <summary>Sessions are not supported; a queue that asks for them is refused at start-up.</summary>
    public bool RequiresSession { get; init; }

    /// <summary>Entity size limit, as in Azure (messages of the queue and its dead-letter queue together).</summary>
    public int MaxSizeInMegabytes { get; init; } = 1024;

    /// <summary>Emulator extension: most messages the queue holds; null means only the size limit applies.</summary>
    public int? MaxMessageCount { get; init; }

    /// <summary>Accepted for compatibility with the official emulator's file; forwarding is not supported.</summary>
    public string? ForwardTo { get; init; }

    /// <summary>Accepted for compatibility with the official emulator's file; forwarding is not supported.</summary>
    public string? ForwardDeadLetteredMessagesTo { get; init; }
}
