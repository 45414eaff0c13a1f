namespace Platform.Runner.Hosting;

/// <summary>Section <c>ServiceBus</c>: a connection string, or a namespace reached with managed identity.</summary>
public sealed class ServiceBusSettings
{
    public const string Section = "ServiceBus";

    public string? ConnectionString { get; set; }

    /// <summary><c>{name}.servicebus.windows.net</c>; used with <c>DefaultAzureCredential</c> when no connection string is set.</summary>
    public string? FullyQualifiedNamespace { get; set; }

    public string QueueName { get; set; } = Shared.Jobs.StorageNames.TrainingJobsQueue;

    /// <summary>How long the lock of one message is kept renewed: longer than the longest training job.</summary>
    public TimeSpan MaxAutoLockRenewalDuration { get; set; } = TimeSpan.FromHours(6);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ConnectionString) || !string.IsNullOrWhiteSpace(FullyQualifiedNamespace);
}
