using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Encoding;
using Microsoft.Azure.Amqp.Framing;

namespace Platform.ServiceBusEmulator.Amqp;

/// <summary>Builds management responses: a status code in application properties, a map in the body.</summary>
internal static class Responses
{
    public const int Ok = 200;
    public const int NoContent = 204;
    public const int BadRequest = 400;
    public const int NotFound = 404;
    public const int Gone = 410;
    public const int InternalServerError = 500;
    public const int NotImplemented = 501;

    public static AmqpMessage Success(AmqpMap? body = null) => Create(Ok, "OK", body, null);

    public static AmqpMessage Status(int statusCode, string description) => Create(statusCode, description, null, null);

    public static AmqpMessage Error(int statusCode, AmqpSymbol condition, string description) =>
        Create(statusCode, description, null, condition);

    private static AmqpMessage Create(int statusCode, string description, AmqpMap? body, AmqpSymbol? condition)
    {
        var message = AmqpMessage.Create(new AmqpValue { Value = body ?? new AmqpMap() });
        var properties = message.ApplicationProperties.Map;
        properties["statusCode"] = statusCode;
        properties["statusDescription"] = description;
        if (condition is { } symbol)
        {
            properties["errorCondition"] = symbol;
        }

        return message;
    }
}
