using System.Collections;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Encoding;
using Microsoft.Azure.Amqp.Framing;
using Platform.ServiceBusEmulator.Broker;

namespace Platform.ServiceBusEmulator.Amqp;

/// <summary>The <c>{queue}/$management</c> node: lock renewal, peek, scheduling, deferral and settlement by token.</summary>
internal sealed class ManagementHandler(QueueEntity queue)
{
    public AmqpMessage Handle(AmqpMessage request)
    {
        var operation = request.ApplicationProperties?.Map[new MapKey("operation")] as string;
        var body = (request.BodyType & SectionFlag.AmqpValue) != 0 ? request.ValueBody.Value as AmqpMap : null;
        if (body is null)
        {
            return Responses.Error(Responses.BadRequest, "com.microsoft:argument-error", "The request body must be an AMQP map.");
        }

        return operation switch
        {
            "com.microsoft:renew-lock" => RenewLock(body),
            "com.microsoft:peek-message" => Peek(body),
            "com.microsoft:schedule-message" => Schedule(body),
            "com.microsoft:cancel-scheduled-message" => CancelScheduled(body),
            "com.microsoft:receive-by-sequence-number" => ReceiveBySequenceNumber(body),
            "com.microsoft:update-disposition" => UpdateDisposition(body),
            _ => Responses.Error(Responses.NotImplemented, AmqpErrorCode.NotImplemented, $"The emulator does not support the management operation '{operation}'."),
        };
    }

    private AmqpMessage RenewLock(AmqpMap body)
    {
        var expirations = new List<DateTime>();
        foreach (var token in Items<Guid>(body[new MapKey("lock-tokens")]))
        {
            if (queue.RenewLock(token) is not { } until)
            {
                return LockLost();
            }

            expirations.Add(until);
        }

        return Responses.Success(new AmqpMap { [new MapKey("expirations")] = expirations.ToArray() });
    }

    private AmqpMessage Peek(AmqpMap body)
    {
        var from = Convert.ToInt64(body[new MapKey("from-sequence-number")] ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
        var count = Convert.ToInt32(body[new MapKey("message-count")] ?? 1, System.Globalization.CultureInfo.InvariantCulture);
        var messages = queue.Peek(from, count);
        if (messages.Count == 0)
        {
            return Responses.Status(Responses.NoContent, "No messages");
        }

        var list = messages.Select(bytes => new AmqpMap { [new MapKey("message")] = new ArraySegment<byte>(bytes) }).ToList();
        return Responses.Success(new AmqpMap { [new MapKey("messages")] = list });
    }

    private AmqpMessage Schedule(AmqpMap body)
    {
        var incoming = new List<IncomingMessage>();
        foreach (var entry in Items<AmqpMap>(body[new MapKey("messages")]))
        {
            var payload = (ArraySegment<byte>)entry[new MapKey("message")]!;
            using var message = MessageCodec.Decode(payload.ToArray());
            incoming.AddRange(MessageCodec.ReadIncoming(message));
        }

        var result = queue.Enqueue(incoming, forceSchedule: true);
        return result.Accepted
            ? Responses.Success(new AmqpMap { [new MapKey("sequence-numbers")] = result.SequenceNumbers!.ToArray() })
            : Responses.Error(403, AmqpErrorCode.ResourceLimitExceeded, result.Error!);
    }

    private AmqpMessage CancelScheduled(AmqpMap body)
    {
        queue.CancelScheduled(Items<long>(body[new MapKey("sequence-numbers")]));
        return Responses.Success();
    }

    private AmqpMessage ReceiveBySequenceNumber(AmqpMap body)
    {
        var received = queue.ReceiveDeferred(Items<long>(body[new MapKey("sequence-numbers")]));
        if (received is null)
        {
            return Responses.Error(Responses.NotFound, ErrorConditions.MessageNotFound, "One or more deferred messages were not found.");
        }

        var list = received.Select(r => new AmqpMap
        {
            [new MapKey("lock-token")] = r.LockToken,
            [new MapKey("message")] = new ArraySegment<byte>(r.Payload),
        }).ToList();
        return Responses.Success(new AmqpMap { [new MapKey("messages")] = list });
    }

    private AmqpMessage UpdateDisposition(AmqpMap body)
    {
        var status = body[new MapKey("disposition-status")] as string;
        var properties = PropertyMaps.From(body[new MapKey("properties-to-modify")] as AmqpMap);
        foreach (var token in Items<Guid>(body[new MapKey("lock-tokens")]))
        {
            var outcome = status switch
            {
                "completed" => queue.Complete(token),
                "abandoned" => queue.Abandon(token, properties),
                "defered" => queue.Defer(token, properties),
                "suspended" => queue.DeadLetter(token, body[new MapKey("deadletter-reason")] as string, body[new MapKey("deadletter-description")] as string, properties),
                _ => SettleOutcome.Done,
            };
            if (outcome == SettleOutcome.LockLost)
            {
                return LockLost();
            }
        }

        return Responses.Success();
    }

    private static AmqpMessage LockLost() =>
        Responses.Error(Responses.Gone, ErrorConditions.MessageLockLost, ErrorConditions.LockLostDescription);

    private static List<T> Items<T>(object? value) => value switch
    {
        null => [],
        T single => [single],
        IEnumerable items => items.Cast<object>().Select(item => item is T typed ? typed : (T)Convert.ChangeType(item, typeof(T), System.Globalization.CultureInfo.InvariantCulture)).ToList(),
        _ => [],
    };
}
