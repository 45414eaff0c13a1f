using Azure.Messaging.ServiceBus;
using Platform.ServiceBusEmulator.Configuration;
using Platform.ServiceBusEmulator.Hosting;

namespace Platform.ServiceBusEmulator.Tests;

public sealed class EmulatorHostTests(ServiceBusFixture fixture) : IClassFixture<ServiceBusFixture>
{
    [EmulatorFact]
    public async Task Send_QueueAtMaxMessageCount_FailsWithQuotaExceeded()
    {
        await Queues.DrainAsync(fixture.Client, "quota");
        await using var sender = fixture.Client.CreateSender("quota");
        await sender.SendMessagesAsync(Enumerable.Range(0, 3).Select(i => new ServiceBusMessage($"q{i}")));

        var error = await Assert.ThrowsAsync<ServiceBusException>(() => sender.SendMessageAsync(new ServiceBusMessage("one too many")));

        Assert.Equal(ServiceBusFailureReason.QuotaExceeded, error.Reason);
        Assert.Contains("MaxMessageCount", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, (await Queues.ReceiveAllAsync(fixture.Client, "quota", 3)).Count);
        await sender.SendMessageAsync(new ServiceBusMessage("room again"));
        await Queues.DrainAsync(fixture.Client, "quota");
    }

    [EmulatorFact]
    public async Task AutoCreateQueues_UnknownQueue_CreatedOnFirstUse()
    {
        await using var host = ServiceBusEmulatorHost.Start(new ServiceBusEmulatorOptions { Port = 0, AutoCreateQueues = true });
        await using var client = new ServiceBusClient(host.ConnectionString);
        await using var sender = client.CreateSender("made-on-demand");

        await sender.SendMessageAsync(new ServiceBusMessage("hello"));
        var received = await Queues.ReceiveAllAsync(client, "made-on-demand", 1);

        Assert.Equal("hello", Assert.Single(received).Body.ToString());
    }

    [EmulatorFact]
    public async Task DisposeAsync_WithConnectedClient_StopsAndRefusesNewConnections()
    {
        var host = ServiceBusEmulatorHost.Start(new ServiceBusEmulatorOptions { Port = 0, AutoCreateQueues = true });
        var client = new ServiceBusClient(host.ConnectionString, new ServiceBusClientOptions
        {
            RetryOptions = new ServiceBusRetryOptions { MaxRetries = 0, TryTimeout = TimeSpan.FromSeconds(3) },
        });
        await using var sender = client.CreateSender("q");
        await sender.SendMessageAsync(new ServiceBusMessage("before stop"));

        var stopping = host.DisposeAsync().AsTask();
        await stopping.WaitAsync(TimeSpan.FromSeconds(5));

        await Assert.ThrowsAnyAsync<Exception>(() => sender.SendMessageAsync(new ServiceBusMessage("after stop")));
        await client.DisposeAsync();
    }

    [Fact]
    public void ConfigLoader_OfficialEmulatorShape_ReadsQueuesAndIsoDurations()
    {
        const string json = """
            {
              "UserConfig": {
                "Namespaces": [ {
                  "Name": "sbemulatorns",
                  "Queues": [ { "Name": "training-jobs", "Properties": {
                    "DeadLetteringOnMessageExpiration": false, "DefaultMessageTimeToLive": "PT1H",
                    "DuplicateDetectionHistoryTimeWindow": "PT20S", "ForwardDeadLetteredMessagesTo": "", "ForwardTo": "",
                    "LockDuration": "PT1M", "MaxDeliveryCount": 3, "RequiresDuplicateDetection": true, "RequiresSession": false } } ],
                  "Topics": [ { "Name": "events" } ]
                } ],
                "Logging": { "Type": "File" }
              },
              "Broker": { "AutoCreateQueues": true }
            }
            """;

        var options = ConfigLoader.Parse(json, port: 5999);

        var queue = Assert.Single(options.Queues);
        Assert.Equal("training-jobs", queue.Name);
        Assert.Equal(TimeSpan.FromMinutes(1), queue.Properties!.LockDuration);
        Assert.Equal(TimeSpan.FromHours(1), queue.Properties.DefaultMessageTimeToLive);
        Assert.Equal(TimeSpan.FromSeconds(20), queue.Properties.DuplicateDetectionHistoryTimeWindow);
        Assert.Equal(3, queue.Properties.MaxDeliveryCount);
        Assert.True(options.AutoCreateQueues);
        Assert.Equal(5999, options.Port);
        Assert.Contains(options.ConfigurationWarnings, w => w.Contains("topic", StringComparison.Ordinal));
    }

    [Fact]
    public void ConfigLoader_QueueRequiresSession_RefusedWithActionableMessage()
    {
        const string json = """{ "UserConfig": { "Namespaces": [ { "Name": "ns", "Queues": [ { "Name": "s", "Properties": { "RequiresSession": true } } ] } ] } }""";

        var error = Assert.Throws<EmulatorConfigurationException>(() => ConfigLoader.Parse(json, port: 0));

        Assert.Contains("does not support sessions", error.Message, StringComparison.Ordinal);
    }
}
