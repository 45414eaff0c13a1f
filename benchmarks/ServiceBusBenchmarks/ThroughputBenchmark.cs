using System.Diagnostics;
using System.Globalization;
using Azure.Messaging.ServiceBus;
using Platform.ServiceBusEmulator;
using Platform.ServiceBusEmulator.Configuration;
using Platform.ServiceBusEmulator.Hosting;

namespace Platform.ServiceBusBenchmarks;

/// <summary>Messages/s sent and received (peek-lock + complete) for 1 KB messages, then latency at a modest rate.</summary>
internal static class ThroughputBenchmark
{
    private const string Queue = "bench";
    private const int BatchSize = 100;

    public static async Task RunAsync(int count)
    {
        var external = Environment.GetEnvironmentVariable("SERVICEBUS_CONNECTION_STRING");
        await using var host = string.IsNullOrWhiteSpace(external)
            ? ServiceBusEmulatorHost.Start(new ServiceBusEmulatorOptions
            {
                Port = 0,
                Queues = [new QueueConfig(Queue, new QueueProperties { MaxMessageCount = 1_000_000 })],
            })
            : null;
        await using var client = new ServiceBusClient(host?.ConnectionString ?? external);
        var body = new byte[1024];
        Random.Shared.NextBytes(body);

        var sendRate = await SendAsync(client, body, count);
        var receiveRate = await ReceiveAsync(client, count);
        var (p50, p99, samples) = await LatencyAsync(client, body, ratePerSecond: 100, seconds: 10);

        var c = CultureInfo.InvariantCulture;
        Console.WriteLine($"target: {(host is null ? "external namespace" : "in-process emulator")}, {count} messages of 1 KB");
        Console.WriteLine(string.Create(c, $"send (batches of {BatchSize}):          {sendRate,10:0} msg/s"));
        Console.WriteLine(string.Create(c, $"receive peek-lock + complete:      {receiveRate,10:0} msg/s"));
        Console.WriteLine(string.Create(c, $"end-to-end latency at 100 msg/s:   p50 {p50:0.00} ms, p99 {p99:0.00} ms ({samples} samples)"));
    }

    private static async Task<double> SendAsync(ServiceBusClient client, byte[] body, int count)
    {
        await using var sender = client.CreateSender(Queue);
        await sender.SendMessageAsync(new ServiceBusMessage(body)); // warm-up: opens the link
        var clock = Stopwatch.StartNew();
        for (var sent = 0; sent < count; sent += BatchSize)
        {
            await sender.SendMessagesAsync(Enumerable.Range(0, Math.Min(BatchSize, count - sent)).Select(_ => new ServiceBusMessage(body)));
        }

        return count / clock.Elapsed.TotalSeconds;
    }

    private static async Task<double> ReceiveAsync(ServiceBusClient client, int count)
    {
        await using var receiver = client.CreateReceiver(Queue, new ServiceBusReceiverOptions { PrefetchCount = 500 });
        var target = count + 1;
        var received = 0;
        var clock = Stopwatch.StartNew();
        while (received < target)
        {
            var messages = await receiver.ReceiveMessagesAsync(BatchSize, TimeSpan.FromSeconds(5));
            if (messages.Count == 0)
            {
                break;
            }

            await Task.WhenAll(messages.Select(m => receiver.CompleteMessageAsync(m)));
            received += messages.Count;
        }

        return received / clock.Elapsed.TotalSeconds;
    }

    private static async Task<(double P50, double P99, int Samples)> LatencyAsync(ServiceBusClient client, byte[] body, int ratePerSecond, int seconds)
    {
        await using var sender = client.CreateSender(Queue);
        await using var processor = client.CreateProcessor(Queue, new ServiceBusProcessorOptions { MaxConcurrentCalls = 4 });
        var latencies = new List<double>();
        var clock = Stopwatch.StartNew();
        processor.ProcessMessageAsync += args =>
        {
            var sentAt = (double)args.Message.ApplicationProperties["sentAt"];
            lock (latencies)
            {
                latencies.Add(clock.Elapsed.TotalMilliseconds - sentAt);
            }

            return Task.CompletedTask;
        };
        processor.ProcessErrorAsync += _ => Task.CompletedTask;
        await processor.StartProcessingAsync();
        var total = ratePerSecond * seconds;
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / ratePerSecond) - clock.Elapsed;
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due);
            }

            await sender.SendMessageAsync(new ServiceBusMessage(body) { ApplicationProperties = { ["sentAt"] = clock.Elapsed.TotalMilliseconds } });
        }

        await Task.Delay(TimeSpan.FromSeconds(1));
        await processor.StopProcessingAsync();
        var sorted = latencies.Order().ToArray();
        return (Percentile(sorted, 0.50), Percentile(sorted, 0.99), sorted.Length);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
