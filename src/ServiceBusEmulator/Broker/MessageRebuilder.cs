using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;

namespace Platform.ServiceBusEmulator.Broker;

/// <summary>Copies a decoded message into a new one whose absent sections can be added.</summary>
/// <remarks>Microsoft.Azure.Amqp 2.7 cannot add a section to a message decoded from bytes.</remarks>
internal static class MessageRebuilder
{
    public static AmqpMessage Rebuild(AmqpMessage source)
    {
        var body = source.BodyType;
        AmqpMessage message;
        if ((body & SectionFlag.Data) != 0)
        {
            message = AmqpMessage.Create(source.DataBody.Select(d => new Data { Value = ((ArraySegment<byte>)d.Value).ToArray() is var bytes ? new ArraySegment<byte>(bytes) : default }).ToList());
        }
        else if ((body & SectionFlag.AmqpValue) != 0)
        {
            message = AmqpMessage.Create(new AmqpValue { Value = source.ValueBody.Value });
        }
        else if ((body & SectionFlag.AmqpSequence) != 0)
        {
            message = AmqpMessage.Create(source.SequenceBody.ToList());
        }
        else
        {
            message = AmqpMessage.Create();
        }

        message.MessageFormat = source.MessageFormat;
        CopyHeader(source.Header, message.Header);
        if (source.Properties is { } properties)
        {
            CopyProperties(properties, message.Properties);
        }

        foreach (var (key, value) in source.MessageAnnotations?.Map ?? [])
        {
            message.MessageAnnotations.Map[key] = value;
        }

        foreach (var (key, value) in source.ApplicationProperties?.Map ?? [])
        {
            message.ApplicationProperties.Map[key] = value;
        }

        return message;
    }

    private static void CopyHeader(Header? from, Header to)
    {
        if (from is null)
        {
            return;
        }

        to.Durable = from.Durable;
        to.Priority = from.Priority;
        to.Ttl = from.Ttl;
        to.FirstAcquirer = from.FirstAcquirer;
        to.DeliveryCount = from.DeliveryCount;
    }

    private static void CopyProperties(Properties from, Properties to)
    {
        to.MessageId = from.MessageId;
        to.UserId = from.UserId;
        to.To = from.To;
        to.Subject = from.Subject;
        to.ReplyTo = from.ReplyTo;
        to.CorrelationId = from.CorrelationId;
        to.ContentType = from.ContentType;
        to.ContentEncoding = from.ContentEncoding;
        to.AbsoluteExpiryTime = from.AbsoluteExpiryTime;
        to.CreationTime = from.CreationTime;
        to.GroupId = from.GroupId;
        to.GroupSequence = from.GroupSequence;
        to.ReplyToGroupId = from.ReplyToGroupId;
    }
}
