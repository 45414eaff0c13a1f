namespace Platform.DevHost.Durable;

/// <summary>Where DevHost keeps orchestration state.</summary>
public enum DurableBackendKind
{
    /// <summary>The Durable Functions Azure Storage provider (history and instance tables, control and work-item queues, lease blobs) on the configured storage account — Azurite locally. State survives restarts.</summary>
    AzureStorage,

    /// <summary>Process memory: fast, gone when DevHost stops. For throwaway runs.</summary>
    InMemory,
}

/// <summary>Section <c>DevHost:Durable</c>: the Durable Task backend behind DevHost's gRPC sidecar.</summary>
public sealed class DurableBackendOptions
{
    public const string Section = "DevHost:Durable";

    public DurableBackendKind Backend { get; set; } = DurableBackendKind.AzureStorage;

    /// <summary>
    /// Task hub name (3-45 letters and digits, starting with a letter). The Functions app's default hub is a different
    /// one, so DevHost never competes with a deployed app that shares the storage account.
    /// </summary>
    public string TaskHub { get; set; } = "DevHost";

    /// <summary>Loopback port of the sidecar's gRPC endpoint; 0 picks a free one.</summary>
    public int SidecarPort { get; set; }

    /// <summary>Longest pause between polls of an idle queue. Azure's default (30 s) suits billing; locally, latency matters more.</summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Control-queue partitions. One worker process needs one.</summary>
    public int PartitionCount { get; set; } = 1;

    public static bool IsValidTaskHubName(string? name) =>
        name is { Length: >= 3 and <= 45 } && char.IsAsciiLetter(name[0]) && name.All(char.IsAsciiLetterOrDigit);
}
