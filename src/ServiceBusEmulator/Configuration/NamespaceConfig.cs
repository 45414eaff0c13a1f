using System.Text.Json;

namespace Platform.ServiceBusEmulator.Configuration;

/// <summary>A namespace of the configuration file; topics are read only to warn that they are ignored.</summary>
public sealed record NamespaceConfig(string Name, IReadOnlyList<QueueConfig>? Queues = null, IReadOnlyList<JsonElement>? Topics = null);
