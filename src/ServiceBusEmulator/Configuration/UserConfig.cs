namespace Platform.ServiceBusEmulator.Configuration;

/// <summary>The <c>UserConfig</c> object of the official emulator's <c>Config.json</c>.</summary>
public sealed record UserConfig(IReadOnlyList<NamespaceConfig>? Namespaces = null);
