using Microsoft.Azure.Amqp;

namespace Platform.ServiceBusEmulator.Amqp;

/// <summary>The request half of a request/response node: each message is answered through the router.</summary>
internal sealed class RequestLink
{
    private readonly ReceivingAmqpLink _link;
    private readonly ReplyRouter _router;
    private readonly Func<AmqpMessage, AmqpMessage> _handler;

    public RequestLink(ReceivingAmqpLink link, ReplyRouter router, Func<AmqpMessage, AmqpMessage> handler)
    {
        _link = link;
        _router = router;
        _handler = handler;
        link.RegisterMessageListener(OnRequest);
    }

    private void OnRequest(AmqpMessage request)
    {
        try
        {
            _router.Reply(request, _handler(request));
        }
        finally
        {
            _link.AcceptMessage(request, false);
            request.Dispose();
        }
    }
}
