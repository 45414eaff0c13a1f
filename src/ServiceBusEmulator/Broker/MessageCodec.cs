using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Encoding;
using Microsoft.Azure.Amqp.Framing;

namespace Platform.ServiceBusEmulator.Broker;

/// <summary>Encodes stored messages and builds the copies that go out on a link or in a peek response.</summary>
/// <remarks>
/// A stream message decoded from stored bytes re-encodes its non-body sections when sent and copies the
/// body bytes as they are, so header and annotation changes cost one small encode per delivery.
/// </remarks>
internal static class MessageCodec
{
    public static IReadOnlyList<IncomingMessage> ReadIncoming(AmqpMessage received)
    {
        if (received.MessageFormat != AmqpConstants.AmqpBatchedMessageFormat)
        {
            return [Inspect(received, ReadAll(received.ToStream()))];
        }

        // A batch carries each message, encoded, in its own Data section.
        var messages = new List<IncomingMessage>();
        foreach (var data in received.DataBody)
        {
            var bytes = ((ArraySegment<byte>)data.Value).ToArray();
            using var inner = Decode(bytes);
            messages.Add(Inspect(inner, bytes));
        }

        return messages;
    }

    /// <summary>A message over stored bytes, sections decoded (a stream message encodes only decoded sections).</summary>
    public static AmqpMessage Decode(byte[] payload)
    {
        var message = AmqpMessage.CreateAmqpStreamMessage(new BufferListStream([new ArraySegment<byte>(payload)]));
        message.Deserialize(SectionFlag.All);
        return message;
    }

    public static byte[] Encode(AmqpMessage message)
    {
        var segments = message.GetPayload();
        var bytes = new byte[segments.Sum(s => s.Count)];
        var offset = 0;
        foreach (var segment in segments)
        {
            segment.AsSpan().CopyTo(bytes.AsSpan(offset));
            offset += segment.Count;
        }

        return bytes;
    }

    /// <summary>Decodes, sets application properties (adding the section if missing), and encodes again.</summary>
    public static byte[] WithApplicationProperties(byte[] payload, IEnumerable<KeyValuePair<string, object?>> values)
    {
        using var decoded = Decode(payload);
        using var message = decoded.ApplicationProperties is null ? MessageRebuilder.Rebuild(decoded) : null;
        var target = message ?? decoded;
        var map = target.ApplicationProperties.Map;
        foreach (var (key, value) in values)
        {
            map[key] = value;
        }

        return Encode(target);
    }

    /// <summary>The message as a receiver sees it: header delivery count and the broker's annotations.</summary>
    public static AmqpMessage BuildOutgoing(StoredMessage stored, uint wireDeliveryCount, bool withLock)
    {
        var message = Decode(stored.Payload);
        message.Header.DeliveryCount = wireDeliveryCount;
        message.Header.Ttl = stored.TimeToLive is { } ttl ? (uint)Math.Min(ttl.TotalMilliseconds, uint.MaxValue) : null;
        var annotations = message.MessageAnnotations.Map;
        annotations[AnnotationNames.EnqueuedTime] = stored.EnqueuedTime;
        annotations[AnnotationNames.SequenceNumber] = stored.SequenceNumber;
        annotations[AnnotationNames.EnqueueSequenceNumber] = stored.SequenceNumber;
        if (withLock)
        {
            annotations[AnnotationNames.LockedUntil] = stored.LockedUntil;
        }

        if (stored.DeadLetterSource is { } deadLetterSource)
        {
            annotations[AnnotationNames.DeadLetterSource] = deadLetterSource;
        }

        return message;
    }

    private static IncomingMessage Inspect(AmqpMessage message, byte[] payload)
    {
        var sections = message.Sections;
        var messageId = (sections & SectionFlag.Properties) != 0 ? message.Properties.MessageId?.ToString() : null;
        TimeSpan? ttl = (sections & SectionFlag.Header) != 0 && message.Header.Ttl is { } ms ? TimeSpan.FromMilliseconds(ms) : null;
        DateTime? scheduled = null;
        if ((sections & SectionFlag.MessageAnnotations) != 0
            && message.MessageAnnotations.Map.TryGetValue<DateTime>(new MapKey(new AmqpSymbol(AnnotationNames.ScheduledEnqueueTime)), out var at))
        {
            scheduled = at;
        }

        return new IncomingMessage(payload, messageId, ttl, scheduled);
    }

    private static byte[] ReadAll(Stream stream)
    {
        using var copy = stream is BufferListStream list ? (Stream)list.Clone() : stream;
        copy.Position = 0;
        using var buffer = new MemoryStream();
        copy.CopyTo(buffer);
        return buffer.ToArray();
    }
}
