using Microsoft.Extensions.Logging;

namespace Platform.ServiceBusEmulator.Amqp;

/// <summary>Structured log events of the AMQP layer.</summary>
internal static partial class AmqpLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Connection {ConnectionId} accepted")]
    public static partial void ConnectionAccepted(ILogger logger, string connectionId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Connection {ConnectionId} closed")]
    public static partial void ConnectionClosed(ILogger logger, string connectionId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Link attached: {Mode} on {Address}")]
    public static partial void LinkAttached(ILogger logger, string mode, string address);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Link {LinkName} refused: {Reason}")]
    public static partial void AttachRefused(ILogger logger, string linkName, string reason);
}
