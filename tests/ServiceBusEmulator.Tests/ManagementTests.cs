using Azure.Messaging.ServiceBus;

namespace Platform.ServiceBusEmulator.Tests;

public sealed class ManagementTests(ServiceBusFixture fixture) : IClassFixture<ServiceBusFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task PeekMessages_ThreeMessages_ReturnedInOrderWithoutLocking()
    {
        await Queues.DrainAsync(fixture.Client, "management");
        await using var sender = fixture.Client.CreateSender("management");
        await sender.SendMessagesAsync(Enumerable.Range(0, 3).Select(i => new ServiceBusMessage($"peek-{i}")));
        await using var receiver = fixture.Client.CreateReceiver("management");

        var peeked = await receiver.PeekMessagesAsync(10);
        var received = await Queues.ReceiveAllAsync(fixture.Client, "management", 3);

        Assert.Equal(["peek-0", "peek-1", "peek-2"], peeked.Select(m => m.Body.ToString()));
        Assert.All(peeked, m => Assert.Equal(0, m.DeliveryCount));
        Assert.Equal(peeked.Select(m => m.SequenceNumber), received.Select(m => m.SequenceNumber));
    }

    [Fact]
    public async Task ScheduleMessage_TwoSecondsAhead_InvisibleUntilDue()
    {
        await Queues.DrainAsync(fixture.Client, "scheduled");
        await using var sender = fixture.Client.CreateSender("scheduled");
        var due = DateTimeOffset.UtcNow.AddSeconds(2);
        var sequenceNumber = await sender.ScheduleMessageAsync(new ServiceBusMessage("later"), due);
        await using var receiver = fixture.Client.CreateReceiver("scheduled");

        var early = await receiver.ReceiveMessageAsync(TimeSpan.FromMilliseconds(500));
        var onTime = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(10));

        Assert.Null(early);
        Assert.NotNull(onTime);
        Assert.Equal(sequenceNumber, onTime.SequenceNumber);
        Assert.True(DateTimeOffset.UtcNow >= due.AddMilliseconds(-500));
        Assert.Equal(due.ToUnixTimeSeconds(), onTime.ScheduledEnqueueTime.ToUnixTimeSeconds());
        await receiver.CompleteMessageAsync(onTime);
    }

    [Fact]
    public async Task CancelScheduledMessage_BeforeDue_NeverDelivered()
    {
        await Queues.DrainAsync(fixture.Client, "scheduled");
        await using var sender = fixture.Client.CreateSender("scheduled");
        var sequenceNumber = await sender.ScheduleMessageAsync(new ServiceBusMessage("cancelled"), DateTimeOffset.UtcNow.AddSeconds(2));

        await sender.CancelScheduledMessageAsync(sequenceNumber);
        await using var receiver = fixture.Client.CreateReceiver("scheduled");

        Assert.Null(await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(4)));
    }

    [Fact]
    public async Task TimeToLive_Elapsed_MessageNotReceived()
    {
        await Queues.DrainAsync(fixture.Client, "ttl");
        await using var sender = fixture.Client.CreateSender("ttl");
        await sender.SendMessageAsync(new ServiceBusMessage("short-lived") { TimeToLive = TimeSpan.FromSeconds(1) });
        await sender.SendMessageAsync(new ServiceBusMessage("long-lived"));

        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var received = await Queues.ReceiveAllAsync(fixture.Client, "ttl", 1);
        await using var receiver = fixture.Client.CreateReceiver("ttl");

        Assert.Equal(["long-lived"], received.Select(m => m.Body.ToString()));
        Assert.Null(await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(1)));
        Assert.Equal(TimeSpan.FromHours(1), received[0].TimeToLive);
    }

    [Fact]
    public async Task DuplicateDetection_SameMessageIdTwice_DeliveredOnce()
    {
        await Queues.DrainAsync(fixture.Client, "duplicates");
        await using var sender = fixture.Client.CreateSender("duplicates");
        var id = Guid.NewGuid().ToString();
        await sender.SendMessageAsync(new ServiceBusMessage("first") { MessageId = id });
        await sender.SendMessageAsync(new ServiceBusMessage("second") { MessageId = id });
        await sender.SendMessageAsync(new ServiceBusMessage("other") { MessageId = Guid.NewGuid().ToString() });

        var received = await Queues.ReceiveAllAsync(fixture.Client, "duplicates", 2);
        await using var receiver = fixture.Client.CreateReceiver("duplicates");

        Assert.Equal(["first", "other"], received.Select(m => m.Body.ToString()));
        Assert.Null(await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task Send_UnknownQueue_FailsWithMessagingEntityNotFound()
    {
        await using var sender = fixture.Client.CreateSender("no-such-queue-" + Guid.NewGuid().ToString("N")[..8]);

        var error = await Assert.ThrowsAsync<ServiceBusException>(() => sender.SendMessageAsync(new ServiceBusMessage("x")));

        Assert.Equal(ServiceBusFailureReason.MessagingEntityNotFound, error.Reason);
    }
}
