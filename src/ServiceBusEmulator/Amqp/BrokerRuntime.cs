using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;
using Microsoft.Azure.Amqp.Transport;
using Microsoft.Extensions.Logging;
using Platform.ServiceBusEmulator.Broker;

namespace Platform.ServiceBusEmulator.Amqp;

/// <summary>Creates connections and links for the listener and wires each attached link to its node.</summary>
internal sealed class BrokerRuntime(EntityRegistry registry, ulong maxMessageSize, ILogger logger) : IRuntimeProvider
{
    private const string CbsAddress = "$cbs";
    private readonly ReplyRouter _replies = new();

    public AmqpConnection CreateConnection(
        TransportBase transport, ProtocolHeader protocolHeader, bool isInitiator, AmqpSettings amqpSettings, AmqpConnectionSettings connectionSettings)
    {
        var connection = new AmqpConnection(transport, protocolHeader, isInitiator, amqpSettings, connectionSettings);
        AmqpLog.ConnectionAccepted(logger, connection.Identifier.ToString());
        connection.Closed += (_, _) => AmqpLog.ConnectionClosed(logger, connection.Identifier.ToString());
        return connection;
    }

    public AmqpSession CreateSession(AmqpConnection connection, AmqpSessionSettings settings) =>
        throw new InvalidOperationException("Sessions are created by the connection.");

    public AmqpLink CreateLink(AmqpSession session, AmqpLinkSettings settings)
    {
        // The SDK needs max-message-size in the attach reply to size its batches.
        settings.MaxMessageSize = maxMessageSize;
        return settings.Role == true ? new ReceivingAmqpLink(session, settings) : new SendingAmqpLink(session, settings);
    }

    public IAsyncResult BeginOpenLink(AmqpLink link, TimeSpan timeout, AsyncCallback callback, object state)
    {
        var completion = new TaskCompletionSource(state);
        try
        {
            Attach(link);
            completion.SetResult();
        }
        catch (AmqpException exception)
        {
            AmqpLog.AttachRefused(logger, link.Name, exception.Error.Description);
            completion.SetException(exception);
        }

        callback?.Invoke(completion.Task);
        return completion.Task;
    }

    public void EndOpenLink(IAsyncResult result) => ((Task)result).GetAwaiter().GetResult();

    private void Attach(AmqpLink link)
    {
        if (link is ReceivingAmqpLink receiving)
        {
            var address = (link.Settings.Target as Target)?.Address?.ToString() ?? throw Invalid("target");
            if (address == CbsAddress)
            {
                _ = new RequestLink(receiving, _replies, CbsHandler.Handle);
            }
            else if (ManagedEntity(address) is { } managed)
            {
                _ = new RequestLink(receiving, _replies, new ManagementHandler(managed).Handle);
            }
            else
            {
                _ = new PublisherLink(Resolve(address), receiving);
            }

            AmqpLog.LinkAttached(logger, "send", address);
            return;
        }

        var sending = (SendingAmqpLink)link;
        var source = link.Settings.Source as Source ?? throw Invalid("source");
        var sourceAddress = source.Address?.ToString() ?? throw Invalid("source");
        if (sourceAddress == CbsAddress || ManagedEntity(sourceAddress) is not null)
        {
            _replies.Register(sending);
            return;
        }

        if (source.FilterSet?.TryGetValue<object>(ErrorConditions.SessionFilter, out _) == true)
        {
            throw new AmqpException(AmqpErrorCode.NotImplemented, "Sessions are not supported by the Service Bus emulator.");
        }

        var queue = Resolve(sourceAddress);
        queue.AddConsumer(new ConsumerLink(queue, sending));
        AmqpLog.LinkAttached(logger, sending.Settings.SettleType == SettleMode.SettleOnSend ? "receive-and-delete" : "peek-lock", sourceAddress);
    }

    private QueueEntity? ManagedEntity(string address)
    {
        var path = EntityRegistry.Normalize(address);
        return path.EndsWith(EntityRegistry.ManagementSuffix, StringComparison.OrdinalIgnoreCase)
            ? Resolve(path[..^EntityRegistry.ManagementSuffix.Length])
            : null;
    }

    private QueueEntity Resolve(string address) =>
        registry.Resolve(address)
        ?? throw new AmqpException(
            AmqpErrorCode.NotFound,
            $"The messaging entity 'sb://127.0.0.1/{EntityRegistry.Normalize(address)}' could not be found. Declare it in the emulator configuration or enable AutoCreateQueues.");

    private static AmqpException Invalid(string terminus) =>
        new(AmqpErrorCode.InvalidField, $"The attach frame has no {terminus} address.");
}
