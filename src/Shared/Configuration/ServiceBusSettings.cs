using Platform.Shared.Jobs;

namespace Platform.Shared.Configuration;

/// <summary>Section <c>ServiceBus</c>, read alike by the Functions app, the runner and DevHost: a connection string, or a namespace reached with managed identity.</summary>
public sealed class ServiceBusSettings
{
    public const string Section = "ServiceBus";

    public string? ConnectionString { get; set; }

    /// <summary><c>{name}.servicebus.windows.net</c>; used with managed identity when no connection string is set.</summary>
    public string? FullyQualifiedNamespace { get; set; }

    /// <summary>The dispatch queue (<c>training-jobs</c>).</summary>
    public string QueueName { get; set; } = StorageNames.TrainingJobsQueue;

    /// <summary>How long the runner keeps the lock of one message renewed: longer than the longest training job.</summary>
    public TimeSpan MaxAutoLockRenewalDuration { get; set; } = TimeSpan.FromHours(6);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ConnectionString) || !string.IsNullOrWhiteSpace(FullyQualifiedNamespace);

    public const string NotConfigured = "Set ServiceBus:ConnectionString or ServiceBus:FullyQualifiedNamespace.";
}
