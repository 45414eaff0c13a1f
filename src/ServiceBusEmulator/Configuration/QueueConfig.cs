namespace Platform.ServiceBusEmulator.Configuration;

/// <summary>One queue of the configuration file.</summary>
public sealed record QueueConfig(string Name, QueueProperties? Properties = null);
