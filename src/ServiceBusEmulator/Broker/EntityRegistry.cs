using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Platform.ServiceBusEmulator.Configuration;

namespace Platform.ServiceBusEmulator.Broker;

/// <summary>The queues of the namespace, by name, with optional creation on first use.</summary>
internal sealed class EntityRegistry
{
    public const string DeadLetterSuffix = "/$DeadLetterQueue";
    public const string ManagementSuffix = "/$management";

    private readonly ConcurrentDictionary<string, QueueEntity> _queues = new(StringComparer.OrdinalIgnoreCase);
    private readonly ServiceBusEmulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public EntityRegistry(ServiceBusEmulatorOptions options, TimeProvider time, ILogger logger)
    {
        _options = options;
        _time = time;
        _logger = logger;
        foreach (var queue in options.Queues)
        {
            _queues[queue.Name] = Create(queue.Name, queue.Properties ?? new QueueProperties());
        }
    }

    public IEnumerable<QueueEntity> Queues => _queues.Values;

    /// <summary>Finds the queue or dead-letter sub-queue an address names (without <c>/$management</c>).</summary>
    public QueueEntity? Resolve(string address)
    {
        var path = Normalize(address);
        var deadLetter = path.EndsWith(DeadLetterSuffix, StringComparison.OrdinalIgnoreCase);
        var name = deadLetter ? path[..^DeadLetterSuffix.Length] : path;
        if (name.Length == 0 || name.Contains('$', StringComparison.Ordinal))
        {
            return null;
        }

        if (!_queues.TryGetValue(name, out var queue))
        {
            if (!_options.AutoCreateQueues)
            {
                return null;
            }

            queue = _queues.GetOrAdd(name, n => Create(n, _options.DefaultQueueProperties));
        }

        return deadLetter ? queue.DeadLetterQueue : queue;
    }

    /// <summary>Strips a scheme and host (some clients send full URIs) and surrounding slashes.</summary>
    public static string Normalize(string address)
    {
        var path = address;
        if (Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Scheme is "amqp" or "amqps" or "sb")
        {
            path = uri.AbsolutePath;
        }

        return path.Trim('/');
    }

    private QueueEntity Create(string name, QueueProperties properties)
    {
        var deadLetterProperties = properties with
        {
            DefaultMessageTimeToLive = TimeSpan.MaxValue,
            RequiresDuplicateDetection = false,
            DeadLetteringOnMessageExpiration = false,
        };
        var deadLetter = new QueueEntity(name + DeadLetterSuffix, deadLetterProperties, null, _time, _logger);
        Log.QueueCreated(_logger, name, properties.LockDuration, properties.MaxDeliveryCount);
        return new QueueEntity(name, properties, deadLetter, _time, _logger);
    }
}
