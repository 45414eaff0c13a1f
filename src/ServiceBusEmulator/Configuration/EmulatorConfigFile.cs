namespace Platform.ServiceBusEmulator.Configuration;

/// <summary>The whole configuration file: the official emulator's shape plus an optional <c>Broker</c> object.</summary>
public sealed record EmulatorConfigFile(UserConfig? UserConfig = null, BrokerSettings? Broker = null);
