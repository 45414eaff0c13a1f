using System.Collections.Concurrent;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;

namespace Platform.ServiceBusEmulator.Amqp;

/// <summary>Sends each response of <c>$cbs</c> and <c>$management</c> on the link the request's reply-to names.</summary>
internal sealed class ReplyRouter
{
    private readonly ConcurrentDictionary<string, SendingAmqpLink> _links = new(StringComparer.Ordinal);

    public void Register(SendingAmqpLink link)
    {
        var address = (link.Settings.Target as Target)?.Address?.ToString();
        if (address is null)
        {
            throw new AmqpException(AmqpErrorCode.InvalidField, "A response link needs a target address (the requests' reply-to).");
        }

        _links[address] = link;
        link.Closed += (_, _) => _links.TryRemove(new KeyValuePair<string, SendingAmqpLink>(address, link));
    }

    public void Reply(AmqpMessage request, AmqpMessage response)
    {
        response.Properties.CorrelationId = request.Properties.MessageId;
        var replyTo = request.Properties.ReplyTo?.ToString();
        if (replyTo is null || !_links.TryGetValue(replyTo, out var link))
        {
            response.Dispose();
            return;
        }

        try
        {
            link.SendMessageNoWait(response, new ArraySegment<byte>(Guid.NewGuid().ToByteArray()), AmqpConstants.NullBinary);
        }
        catch (Exception exception) when (exception is InvalidOperationException or ObjectDisposedException or AmqpException)
        {
            response.Dispose();
        }
    }
}
