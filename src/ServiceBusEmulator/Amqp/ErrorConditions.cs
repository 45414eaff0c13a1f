using Microsoft.Azure.Amqp.Encoding;
using Microsoft.Azure.Amqp.Framing;

namespace Platform.ServiceBusEmulator.Amqp;

/// <summary>The AMQP error conditions the Service Bus SDK maps to <c>ServiceBusFailureReason</c>.</summary>
internal static class ErrorConditions
{
    public static readonly AmqpSymbol MessageLockLost = "com.microsoft:message-lock-lost";
    public static readonly AmqpSymbol MessageNotFound = "com.microsoft:message-not-found";
    public static readonly AmqpSymbol DeadLetter = "com.microsoft:dead-letter";
    public static readonly AmqpSymbol SessionFilter = "com.microsoft:session-filter";

    public const string LockLostDescription =
        "The lock supplied is invalid. Either the lock expired, or the message has already been removed from the queue.";

    public static Rejected LockLost() => new() { Error = new Error { Condition = MessageLockLost, Description = LockLostDescription } };
}
