namespace Platform.DevHost;

/// <summary>Section <c>DevHost</c>: what the local host starts and how often it looks for uploads.</summary>
public sealed class DevHostOptions
{
    public const string Section = "DevHost";

    /// <summary>Kestrel listens on 127.0.0.1 only; 0 picks a free port.</summary>
    public int Port { get; set; } = 7071;

    /// <summary>How often the <c>datasets</c> container is listed for new or changed CSV files.</summary>
    public TimeSpan WatchInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Pause of the queue-trigger poller when a function's queue was empty.</summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Start <c>scripts/azurite.sh start</c> when nothing listens on the Azurite ports.</summary>
    public bool StartAzurite { get; set; } = true;

    /// <summary>Host the GPU job runner's Service Bus worker in this process.</summary>
    public bool RunRunner { get; set; } = true;

    /// <summary>How many runners to host in this process (1 to <see cref="MaxRunners"/>): more train a sweep's trials side by side, as Container Apps runs one execution per trial.</summary>
    public int Runners { get; set; } = 1;

    public const int MaxRunners = 8;

    /// <summary>
    /// Loopback port of the in-process Service Bus broker; 0 picks a free one. Fix it (5672 is AMQP's) to point a runner in
    /// another process at <c>Endpoint=sb://127.0.0.1:{port};…;UseDevelopmentEmulator=true</c>, as DevHost logs at start.
    /// </summary>
    public int BrokerPort { get; set; }

    /// <summary>Lock duration of the in-process broker's <c>training-jobs</c> queue; the runner renews it while training.</summary>
    public TimeSpan BrokerLockDuration { get; set; } = TimeSpan.FromSeconds(60);
}
