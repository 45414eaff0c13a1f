using Microsoft.Extensions.Logging;

namespace Platform.ServiceBusEmulator.Hosting;

/// <summary>Structured log events of the host.</summary>
internal static partial class HostLog
{
    [LoggerMessage(Level = LogLevel.Information,
        Message = "Service Bus emulator (development only) listening on amqp://127.0.0.1:{Port} with {QueueCount} queue(s), auto-create {AutoCreate}")]
    public static partial void Started(ILogger logger, int port, int queueCount, bool autoCreate);

    [LoggerMessage(Level = LogLevel.Information, Message = "Service Bus emulator on port {Port} stopped")]
    public static partial void Stopped(ILogger logger, int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Configuration: {Warning}")]
    public static partial void ConfigurationWarning(ILogger logger, string warning);
}
