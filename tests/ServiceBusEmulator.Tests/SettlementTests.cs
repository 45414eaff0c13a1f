using Azure.Messaging.ServiceBus;

namespace Platform.ServiceBusEmulator.Tests;

public sealed class SettlementTests(ServiceBusFixture fixture) : IClassFixture<ServiceBusFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Complete_ReceivedMessage_IsRemoved()
    {
        await using var receiver = await SendOneAsync("settlement", "done");

        var message = await receiver.ReceiveMessageAsync(Wait);
        await receiver.CompleteMessageAsync(message);

        Assert.Empty(await receiver.PeekMessagesAsync(10));
    }

    [Fact]
    public async Task Abandon_WithPropertyChanges_RedeliveredWithChangesAndDeliveryCountTwo()
    {
        await using var receiver = await SendOneAsync("settlement", "retry-me");

        var first = await receiver.ReceiveMessageAsync(Wait);
        await receiver.AbandonMessageAsync(first, new Dictionary<string, object> { ["attempt"] = 1, ["note"] = "changed" });
        var second = await receiver.ReceiveMessageAsync(Wait);

        Assert.Equal("retry-me", second.Body.ToString());
        Assert.Equal(2, second.DeliveryCount);
        Assert.Equal(first.SequenceNumber, second.SequenceNumber);
        Assert.Equal(1, second.ApplicationProperties["attempt"]);
        Assert.Equal("changed", second.ApplicationProperties["note"]);
        await receiver.CompleteMessageAsync(second);
    }

    [Fact]
    public async Task DeadLetter_WithReasonAndDescription_ReceivedFromDeadLetterQueue()
    {
        await Queues.DrainAsync(fixture.Client, "settlement/$DeadLetterQueue");
        await using var receiver = await SendOneAsync("settlement", "poison");

        var message = await receiver.ReceiveMessageAsync(Wait);
        await receiver.DeadLetterMessageAsync(message, "BadInput", "The CSV has no header row.");
        await using var deadLetters = fixture.Client.CreateReceiver("settlement", new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        var dead = await deadLetters.ReceiveMessageAsync(Wait);

        Assert.Null(await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(1)));
        Assert.Equal("poison", dead.Body.ToString());
        Assert.Equal("BadInput", dead.DeadLetterReason);
        Assert.Equal("The CSV has no header row.", dead.DeadLetterErrorDescription);
        Assert.Equal(message.SequenceNumber, dead.SequenceNumber);
        await deadLetters.CompleteMessageAsync(dead);
    }

    [Fact]
    public async Task Defer_Message_ReceivedBySequenceNumberThenCompleted()
    {
        await using var receiver = await SendOneAsync("settlement", "later");

        var message = await receiver.ReceiveMessageAsync(Wait);
        await receiver.DeferMessageAsync(message);
        Assert.Null(await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(1)));
        var deferred = await receiver.ReceiveDeferredMessageAsync(message.SequenceNumber);
        await receiver.CompleteMessageAsync(deferred);

        Assert.Equal("later", deferred.Body.ToString());
        Assert.Empty(await receiver.PeekMessagesAsync(10));
    }

    [Fact]
    public async Task Abandon_PastMaxDeliveryCount_DeadLetteredWithMaxDeliveryCountExceeded()
    {
        await Queues.DrainAsync(fixture.Client, "max-delivery/$DeadLetterQueue");
        await using var receiver = await SendOneAsync("max-delivery", "never-works");

        for (var attempt = 1; attempt <= 2; attempt++)
        {
            var message = await receiver.ReceiveMessageAsync(Wait);
            Assert.Equal(attempt, message.DeliveryCount);
            await receiver.AbandonMessageAsync(message);
        }

        await using var deadLetters = fixture.Client.CreateReceiver("max-delivery", new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        var dead = await deadLetters.ReceiveMessageAsync(Wait);

        Assert.Null(await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(1)));
        Assert.Equal("never-works", dead.Body.ToString());
        Assert.Equal("MaxDeliveryCountExceeded", dead.DeadLetterReason);
        await deadLetters.CompleteMessageAsync(dead);
    }

    private async Task<ServiceBusReceiver> SendOneAsync(string queue, string body)
    {
        await Queues.DrainAsync(fixture.Client, queue);
        await using var sender = fixture.Client.CreateSender(queue);
        await sender.SendMessageAsync(new ServiceBusMessage(body));
        return fixture.Client.CreateReceiver(queue);
    }
}
