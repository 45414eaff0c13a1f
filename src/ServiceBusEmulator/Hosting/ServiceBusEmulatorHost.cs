using System.Net;
using System.Net.Sockets;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Sasl;
using Microsoft.Azure.Amqp.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.ServiceBusEmulator.Amqp;
using Platform.ServiceBusEmulator.Broker;

namespace Platform.ServiceBusEmulator.Hosting;

/// <summary>The running broker: listens on 127.0.0.1, plain AMQP, until disposed. A development tool, not a service.</summary>
public sealed class ServiceBusEmulatorHost : IAsyncDisposable
{
    private readonly AmqpConnectionListener _listener;
    private readonly EntityRegistry _registry;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _maintenance;
    private readonly ILogger _logger;
    private int _disposed;

    private ServiceBusEmulatorHost(ServiceBusEmulatorOptions options, int port, ILoggerFactory loggerFactory)
    {
        Port = port;
        _logger = loggerFactory.CreateLogger("Platform.ServiceBusEmulator");
        _registry = new EntityRegistry(options, TimeProvider.System, _logger);
        var runtime = new BrokerRuntime(_registry, (ulong)options.MaxMessageSizeInKilobytes * 1024, _logger);

        var version = new AmqpVersion(1, 0, 0);
        var sasl = new SaslTransportProvider();
        sasl.Versions.Add(version);
        sasl.AddHandler(new SaslAnonymousHandler("MSSBCBS"));
        sasl.AddHandler(new SaslAnonymousHandler());
        sasl.AddHandler(new SaslPlainHandler(new AcceptAllAuthenticator()));
        var settings = new AmqpSettings { RuntimeProvider = runtime };
        settings.TransportProviders.Add(sasl);
        var amqp = new AmqpTransportProvider();
        amqp.Versions.Add(version);
        settings.TransportProviders.Add(amqp);
        var connectionSettings = new AmqpConnectionSettings
        {
            ContainerId = "servicebus-emulator",
            MaxFrameSize = 64 * 1024,
            IdleTimeOut = (uint)TimeSpan.FromMinutes(4).TotalMilliseconds,
        };
        _listener = new AmqpConnectionListener([$"amqp://127.0.0.1:{port}"], settings, connectionSettings);
        _listener.Open();
        _maintenance = RunMaintenanceAsync(options.MaintenanceInterval, _stopping.Token);
    }

    public int Port { get; }

    /// <summary>What a client passes to <c>new ServiceBusClient(...)</c>.</summary>
    public string ConnectionString =>
        $"Endpoint=sb://127.0.0.1:{Port};SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true;";

    public static ServiceBusEmulatorHost Start(ServiceBusEmulatorOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var port = options.Port == 0 ? FreeLoopbackPort() : options.Port;
        var factory = loggerFactory ?? NullLoggerFactory.Instance;
        var host = new ServiceBusEmulatorHost(options, port, factory);
        foreach (var warning in options.ConfigurationWarnings)
        {
            HostLog.ConfigurationWarning(host._logger, warning);
        }

        HostLog.Started(host._logger, port, options.Queues.Count, options.AutoCreateQueues);
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        _listener.Close();
        await _maintenance;
        _stopping.Dispose();
        HostLog.Stopped(_logger, Port);
    }

    private async Task RunMaintenanceAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                foreach (var queue in _registry.Queues)
                {
                    queue.RunMaintenance();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
