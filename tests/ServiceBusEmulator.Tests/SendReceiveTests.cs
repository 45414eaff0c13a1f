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

    [Fact]
    public async Task SendBatch_TenMessages_AllReceivedInOrder()
    {
        await Queues.DrainAsync(fixture.Client, "batches");
        await using var sender = fixture.Client.CreateSender("batches");
        using var batch = await sender.CreateMessageBatchAsync();
        for (var i = 0; i < 10; i++)
        {
            Assert.True(batch.TryAddMessage(new ServiceBusMessage($"batch-{i}") { MessageId = $"b{i}" }));
        }

        await sender.SendMessagesAsync(batch);
        await sender.SendMessagesAsync([new ServiceBusMessage("list-0"), new ServiceBusMessage("list-1")]);

        var bodies = await Queues.ReceiveAllAsync(fixture.Client, "batches", 12);

        Assert.Equal([.. Enumerable.Range(0, 10).Select(i => $"batch-{i}"), "list-0", "list-1"], bodies.Select(m => m.Body.ToString()));
        Assert.Equal("b3", bodies[3].MessageId);
    }

    [Fact]
    public async Task ReceiveAndDelete_Message_IsGoneAfterReceive()
    {
        await Queues.DrainAsync(fixture.Client, "receive-modes");
        await using var sender = fixture.Client.CreateSender("receive-modes");
        await sender.SendMessageAsync(new ServiceBusMessage("once"));
        await using var receiver = fixture.Client.CreateReceiver(
            "receive-modes", new ServiceBusReceiverOptions { ReceiveMode = ServiceBusReceiveMode.ReceiveAndDelete });

        var received = await receiver.ReceiveMessageAsync(Wait);
        var again = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(1));

        Assert.Equal("once", received?.Body.ToString());
        Assert.Null(again);
        Assert.Empty(await receiver.PeekMessagesAsync(10));
    }

    [Fact]
    public async Task Prefetch_TwentyMessages_AllReceivedAndCompleted()
    {
        await Queues.DrainAsync(fixture.Client, "receive-modes");
        await using var sender = fixture.Client.CreateSender("receive-modes");
        await sender.SendMessagesAsync(Enumerable.Range(0, 20).Select(i => new ServiceBusMessage($"p{i}")));
        await using var receiver = fixture.Client.CreateReceiver("receive-modes", new ServiceBusReceiverOptions { PrefetchCount = 10 });

        var received = new List<ServiceBusReceivedMessage>();
        while (received.Count < 20)
        {
            var messages = await receiver.ReceiveMessagesAsync(20, Wait);
            Assert.NotEmpty(messages);
            foreach (var message in messages)
            {
                await receiver.CompleteMessageAsync(message);
                received.Add(message);
            }
        }

        Assert.Equal(20, received.Select(m => m.Body.ToString()).Distinct().Count());
        Assert.Null(await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task Processor_MaxConcurrentCallsFour_ProcessesAllConcurrently()
    {
        await Queues.DrainAsync(fixture.Client, "processor");
        await using var sender = fixture.Client.CreateSender("processor");
        await sender.SendMessagesAsync(Enumerable.Range(0, 16).Select(i => new ServiceBusMessage($"job-{i}")));
        await using var processor = fixture.Client.CreateProcessor("processor", new ServiceBusProcessorOptions { MaxConcurrentCalls = 4 });
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>();
        int running = 0, maxRunning = 0;
        processor.ProcessMessageAsync += async args =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref maxRunning, now);
            await Task.Delay(150);
            Interlocked.Decrement(ref running);
            seen[args.Message.Body.ToString()] = true;
            if (seen.Count == 16)
            {
                done.TrySetResult();
            }
        };
        processor.ProcessErrorAsync += args =>
        {
            done.TrySetException(args.Exception);
            return Task.CompletedTask;
        };

        await processor.StartProcessingAsync();
        await done.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await processor.StopProcessingAsync();

        Assert.Equal(16, seen.Count);
        Assert.True(maxRunning > 1, $"at most {maxRunning} handler(s) ran at once");
        await using var receiver = fixture.Client.CreateReceiver("processor");
        Assert.Empty(await receiver.PeekMessagesAsync(10));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
