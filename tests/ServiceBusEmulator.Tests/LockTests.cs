using Azure.Messaging.ServiceBus;

namespace Platform.ServiceBusEmulator.Tests;

/// <summary>Lock expiry and renewal; the queues use the 5 s minimum lock duration Azure allows.</summary>
public sealed class LockTests(ServiceBusFixture fixture) : IClassFixture<ServiceBusFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task LockExpiry_MessageNotSettled_RedeliveredWithDeliveryCountPlusOne()
    {
        await using var receiver = await SendOneAsync("lock-expiry", "slow");

        var first = await receiver.ReceiveMessageAsync(Wait);
        var second = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(15));

        Assert.NotNull(second);
        Assert.Equal(first.SequenceNumber, second.SequenceNumber);
        Assert.Equal(first.DeliveryCount + 1, second.DeliveryCount);
        Assert.NotEqual(first.LockToken, second.LockToken);
        Assert.True(DateTimeOffset.UtcNow >= first.LockedUntil.AddMilliseconds(-500), "redelivered before the lock expired");
        await receiver.CompleteMessageAsync(second);
    }

    [Fact]
    public async Task Complete_AfterLockExpired_FailsWithMessageLockLost()
    {
        await using var receiver = await SendOneAsync("lock-lost", "too-late");

        var message = await receiver.ReceiveMessageAsync(Wait);
        await Task.Delay(message.LockedUntil - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1.5));
        var error = await Assert.ThrowsAsync<ServiceBusException>(() => receiver.CompleteMessageAsync(message));

        Assert.Equal(ServiceBusFailureReason.MessageLockLost, error.Reason);
        var again = await receiver.ReceiveMessageAsync(Wait);
        Assert.Equal(2, again.DeliveryCount);
        await receiver.CompleteMessageAsync(again);
    }

    [Fact]
    public async Task RenewMessageLock_BeforeExpiry_ExtendsLockedUntilAndAllowsComplete()
    {
        await using var receiver = await SendOneAsync("lock-renewal", "renew-me");

        var message = await receiver.ReceiveMessageAsync(Wait);
        var original = message.LockedUntil;
        await Task.Delay(TimeSpan.FromSeconds(3));
        await receiver.RenewMessageLockAsync(message);
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.True(message.LockedUntil > original);
        await receiver.CompleteMessageAsync(message);
    }

    [Fact]
    public async Task Processor_AutoLockRenewal_HandlerOutlivesLockWithoutRedelivery()
    {
        await using var sender = await SendOneSenderAsync("lock-renewal", "long-job");
        await using var processor = fixture.Client.CreateProcessor("lock-renewal", new ServiceBusProcessorOptions
        {
            MaxConcurrentCalls = 2,
            MaxAutoLockRenewalDuration = TimeSpan.FromMinutes(1),
        });
        var deliveries = new List<int>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        processor.ProcessMessageAsync += async args =>
        {
            lock (deliveries)
            {
                deliveries.Add(args.Message.DeliveryCount);
            }

            await Task.Delay(TimeSpan.FromSeconds(8));
            await args.CompleteMessageAsync(args.Message);
            done.TrySetResult();
        };
        processor.ProcessErrorAsync += args =>
        {
            done.TrySetException(args.Exception);
            return Task.CompletedTask;
        };

        await processor.StartProcessingAsync();
        await done.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await processor.StopProcessingAsync();

        Assert.Equal([1], deliveries);
        await using var receiver = fixture.Client.CreateReceiver("lock-renewal");
        Assert.Empty(await receiver.PeekMessagesAsync(10));
    }

    private async Task<ServiceBusReceiver> SendOneAsync(string queue, string body)
    {
        await using var sender = await SendOneSenderAsync(queue, body);
        return fixture.Client.CreateReceiver(queue);
    }

    private async Task<ServiceBusSender> SendOneSenderAsync(string queue, string body)
    {
        await Queues.DrainAsync(fixture.Client, queue);
        var sender = fixture.Client.CreateSender(queue);
        await sender.SendMessageAsync(new ServiceBusMessage(body));
        return sender;
    }
}
