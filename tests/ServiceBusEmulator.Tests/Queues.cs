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
}
