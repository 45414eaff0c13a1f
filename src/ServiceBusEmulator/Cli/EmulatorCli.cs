using System.CommandLine;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Platform.ServiceBusEmulator.Configuration;
using Platform.ServiceBusEmulator.Hosting;

namespace Platform.ServiceBusEmulator.Cli;

/// <summary>The standalone broker: <c>--port 5672 --config Config.json [--auto-create]</c>, runs until Ctrl+C.</summary>
internal static class EmulatorCli
{
    public static RootCommand Build()
    {
        var port = new Option<int>("--port") { Description = "TCP port on 127.0.0.1 (0 picks a free one).", DefaultValueFactory = _ => 5672 };
        var config = new Option<FileInfo?>("--config") { Description = "Config.json in the official emulator's shape." };
        var autoCreate = new Option<bool>("--auto-create") { Description = "Create unknown queues on first use." };
        var verbose = new Option<bool>("--verbose") { Description = "Log every connection and link." };
        var command = new RootCommand("In-memory Service Bus emulator for development (AMQP, loopback only). Production uses Azure Service Bus.")
        {
            port, config, autoCreate, verbose,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var loggers = LoggerFactory.Create(builder => builder
                .AddSimpleConsole(o => o.SingleLine = true)
                .SetMinimumLevel(result.GetValue(verbose) ? LogLevel.Debug : LogLevel.Information));
            ServiceBusEmulatorOptions options;
            try
            {
                var file = result.GetValue(config);
                options = file is null ? new ServiceBusEmulatorOptions { Port = result.GetValue(port) } : ConfigLoader.LoadFile(file.FullName, result.GetValue(port));
            }
            catch (EmulatorConfigurationException exception)
            {
                await Console.Error.WriteLineAsync($"error: {exception.Message}");
                return 2;
            }

            options = options with { AutoCreateQueues = options.AutoCreateQueues || result.GetValue(autoCreate) };
            await using var host = ServiceBusEmulatorHost.Start(options, loggers);
            Console.WriteLine(host.ConnectionString);

            // Ctrl+C or SIGTERM (a container stop) shuts the broker down cleanly instead of killing it.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
            catch (OperationCanceledException)
            {
                // Dispose the host below and exit 0.
            }

            return 0;

            void Stop(PosixSignalContext context)
            {
                context.Cancel = true;
                stop.Cancel();
            }
        });
        return command;
    }
}
