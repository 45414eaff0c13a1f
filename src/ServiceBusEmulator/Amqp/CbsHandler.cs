using Microsoft.Azure.Amqp;

namespace Platform.ServiceBusEmulator.Amqp;

/// <summary>Answers <c>$cbs</c> put-token requests: any token is accepted (development tool, no authorization).</summary>
internal static class CbsHandler
{
    public static AmqpMessage Handle(AmqpMessage request)
    {
        _ = request;
        var response = AmqpMessage.Create();
        response.ApplicationProperties.Map["status-code"] = 200;
        response.ApplicationProperties.Map["status-description"] = "OK (the emulator accepts every token)";
        return response;
    }
}
