using System.Text.Json;

namespace Platform.ServiceBusEmulator.Configuration;

/// <summary>Turns a <c>Config.json</c> (official emulator shape) into <see cref="ServiceBusEmulatorOptions"/>.</summary>
public static class ConfigLoader
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new Iso8601TimeSpanConverter() },
    };

    public static ServiceBusEmulatorOptions LoadFile(string path, int port)
    {
        if (!File.Exists(path))
        {
            throw new EmulatorConfigurationException($"Configuration file '{path}' does not exist.");
        }

        return Parse(File.ReadAllText(path), port, path);
    }

    public static ServiceBusEmulatorOptions Parse(string json, int port, string source = "configuration")
    {
        EmulatorConfigFile file;
        try
        {
            file = JsonSerializer.Deserialize<EmulatorConfigFile>(json, JsonOptions)
                ?? throw new EmulatorConfigurationException($"{source} is empty.");
        }
        catch (JsonException exception)
        {
            throw new EmulatorConfigurationException($"{source} is not valid: {exception.Message}", exception);
        }

        var warnings = new List<string>();
        var queues = new List<QueueConfig>();
        foreach (var ns in file.UserConfig?.Namespaces ?? [])
        {
            if (ns.Topics is { Count: > 0 })
            {
                warnings.Add($"Namespace '{ns.Name}': {ns.Topics.Count} topic(s) ignored; the emulator supports queues only.");
            }

            foreach (var queue in ns.Queues ?? [])
            {
                queues.Add(Validate(queue, queues, warnings));
            }
        }

        var broker = file.Broker ?? new BrokerSettings();
        return new ServiceBusEmulatorOptions
        {
            Port = port,
            Queues = queues,
            AutoCreateQueues = broker.AutoCreateQueues,
            DefaultQueueProperties = broker.DefaultQueueProperties,
            MaxMessageSizeInKilobytes = broker.MaxMessageSizeInKilobytes,
            ConfigurationWarnings = warnings,
        };
    }

    private static QueueConfig Validate(QueueConfig queue, List<QueueConfig> existing, List<string> warnings)
    {
        if (string.IsNullOrWhiteSpace(queue.Name))
        {
            throw new EmulatorConfigurationException("Every queue needs a Name.");
        }

        if (existing.Any(q => string.Equals(q.Name, queue.Name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new EmulatorConfigurationException($"Queue '{queue.Name}' is declared twice.");
        }

        var properties = queue.Properties ?? new QueueProperties();
        if (properties.RequiresSession)
        {
            throw new EmulatorConfigurationException(
                $"Queue '{queue.Name}' sets RequiresSession, but the emulator does not support sessions. Remove it or use the official emulator.");
        }

        if (properties.MaxDeliveryCount < 1 || properties.LockDuration <= TimeSpan.Zero)
        {
            throw new EmulatorConfigurationException($"Queue '{queue.Name}' needs MaxDeliveryCount >= 1 and a positive LockDuration.");
        }

        if (!string.IsNullOrEmpty(properties.ForwardTo) || !string.IsNullOrEmpty(properties.ForwardDeadLetteredMessagesTo))
        {
            warnings.Add($"Queue '{queue.Name}': auto-forwarding is not supported and was ignored.");
        }

        return queue with { Properties = properties };
    }
}
