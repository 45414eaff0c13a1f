using Azure.Messaging.ServiceBus;

namespace Platform.ServiceBusEmulator.Tests;

/// <summary>Test helpers that work the same against the emulator and a real namespace.</summary>
internal static class Queues
{
    /// <summary>Removes leftovers of earlier runs (matters only against a long-lived namespace).</summary>
    public static async Task DrainAsync(ServiceBusClient client, string queue)
    {
        await using var receiver = client.CreateReceiver(queue, new ServiceBusReceiverOptions { ReceiveMode = ServiceBusReceiveMode.ReceiveAndDelete });
        while ((await receiver.ReceiveMessagesAsync(100, TimeSpan.FromMilliseconds(300))).Count > 0)
        {
        }
    }

    /// <summary>Receives and completes until <paramref name="count"/> messages arrived (or 10 s passed).</summary>
    public static async Task<List<ServiceBusReceivedMessage>> ReceiveAllAsync(ServiceBusClient client, string queue, int count)
    {
        await using var receiver = client.CreateReceiver(queue);
        var received = new List<ServiceBusReceivedMessage>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (received.Count < count && DateTime.UtcNow < deadline)
        {
            foreach (var message in await receiver.ReceiveMessagesAsync(count - received.Count, TimeSpan.FromSeconds(2)))
            {
                await receiver.CompleteMessageAsync(message);
                received.Add(message);
            }
        }

        return received;
    }
}
