using Azure.Messaging.ServiceBus;
using Platform.ServiceBusEmulator.Configuration;
using Platform.ServiceBusEmulator.Hosting;

namespace Platform.ServiceBusEmulator.Tests;

/// <summary>
/// A connection string for the semantic tests: a fresh emulator on a free loopback port, or the namespace
/// named by SERVICEBUS_CONNECTION_STRING (a real one or the official emulator, with the queues of Config.json).
/// </summary>
public sealed class ServiceBusFixture : IAsyncLifetime
{
    public const string ConnectionStringVariable = "SERVICEBUS_CONNECTION_STRING";

    private ServiceBusEmulatorHost? _host;

    public string ConnectionString { get; private set; } = "";

    public ServiceBusClient Client { get; private set; } = null!;

    public static bool UsesExternalNamespace => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ConnectionStringVariable));

    public Task InitializeAsync()
    {
        if (UsesExternalNamespace)
        {
            ConnectionString = Environment.GetEnvironmentVariable(ConnectionStringVariable)!;
        }
        else
        {
            var options = ConfigLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "Config.json"), port: 0);
            _host = ServiceBusEmulatorHost.Start(options);
            ConnectionString = _host.ConnectionString;
        }

        Client = new ServiceBusClient(ConnectionString, new ServiceBusClientOptions
        {
            RetryOptions = new ServiceBusRetryOptions { MaxRetries = 2, TryTimeout = TimeSpan.FromSeconds(20) },
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Client.DisposeAsync();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
