using Azure.Messaging.ServiceBus;

namespace Platform.ServiceBusEmulator.Tests;

public sealed class SendReceiveTests(ServiceBusFixture fixture) : IClassFixture<ServiceBusFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task SendMessage_AllProperties_RoundTrip()
    {
        await Queues.DrainAsync(fixture.Client, "roundtrip");
        await using var sender = fixture.Client.CreateSender("roundtrip");
        var when = new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc);
        var id = Guid.NewGuid();
        var sent = new ServiceBusMessage(new byte[] { 1, 2, 3, 250 })
        {
            MessageId = "message-1",
            CorrelationId = "correlation-1",
            Subject = "subject-1",
            ContentType = "application/octet-stream",
            ReplyTo = "reply-queue",
            TimeToLive = TimeSpan.FromMinutes(10),
            ApplicationProperties =
            {
                ["text"] = "hello", ["int"] = 42, ["long"] = 1L << 40, ["double"] = 2.5, ["bool"] = true,
                ["date"] = when, ["guid"] = id, ["bytes"] = new byte[] { 9, 8 },
            },
        };
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        await sender.SendMessageAsync(sent);

        await using var receiver = fixture.Client.CreateReceiver("roundtrip");
        var received = await receiver.ReceiveMessageAsync(Wait);

        Assert.NotNull(received);
        Assert.Equal(new byte[] { 1, 2, 3, 250 }, received.Body.ToArray());
        Assert.Equal("message-1", received.MessageId);
        Assert.Equal("correlation-1", received.CorrelationId);
        Assert.Equal("subject-1", received.Subject);
        Assert.Equal("application/octet-stream", received.ContentType);
        Assert.Equal("reply-queue", received.ReplyTo);
        Assert.Null(received.SessionId);
        Assert.Equal(TimeSpan.FromMinutes(10), received.TimeToLive);
        Assert.Equal("hello", received.ApplicationProperties["text"]);
        Assert.Equal(42, received.ApplicationProperties["int"]);
        Assert.Equal(1L << 40, received.ApplicationProperties["long"]);
        Assert.Equal(2.5, received.ApplicationProperties["double"]);
        Assert.Equal(true, received.ApplicationProperties["bool"]);
        Assert.Equal(when, received.ApplicationProperties["date"]);
        Assert.Equal(id, received.ApplicationProperties["guid"]);
        Assert.Equal(new byte[] { 9, 8 }, received.ApplicationProperties["bytes"]);
        Assert.Equal(1, received.DeliveryCount);
        Assert.True(received.SequenceNumber > 0);
        Assert.InRange(received.EnqueuedTime, before, DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.True(received.LockedUntil > DateTimeOffset.UtcNow);
        Assert.NotEqual(Guid.Empty.ToString(), received.LockToken);
        await receiver.CompleteMessageAsync(received);
    }
}
