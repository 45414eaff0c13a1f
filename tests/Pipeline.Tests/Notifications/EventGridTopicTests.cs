using System.Text.Json;
using Azure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Platform.Pipeline.Activities;
using Platform.Pipeline.Notifications;
using Platform.Pipeline.Orchestration;
using Platform.Pipeline.Storage;
using Platform.Pipeline.Tests.Orchestration;
using Platform.Shared.Jobs;

namespace Platform.Pipeline.Tests.Notifications;

/// <summary>The Event Grid channel through the real <c>EventGridPublisherClient</c>, to an HTTPS stand-in for the topic, and the activity recording it.</summary>
[Collection(PipelineCollection.Name)]
public sealed class EventGridTopicTests(PipelineFixture fixture)
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 10, 17, 48, TimeSpan.Zero);

    [Fact]
    public async Task SendAsync_PublishesTheCloudEventWithTheAppsBearerToken()
    {
        await using var topic = await EventGridTopicStandIn.StartAsync();
        var notification = Notification(PipelinePhases.Training, "m-0123456789ab");

        var status = await new JobEventTopic(topic.Client()).SendAsync(JobEvents.Create(notification), default);

        Assert.Equal(200, status);
        var request = Assert.Single(topic.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"Bearer {EventGridTopicStandIn.Token}", request.Header("Authorization"));
        Assert.StartsWith("application/cloudevents-batch+json", request.Header("Content-Type"), StringComparison.Ordinal);
        var published = Assert.Single(request.Json().EnumerateArray().ToList());
        Assert.Equal(("1.0", "m-0123456789ab:3", "Platform.Job.Training", "/api/jobs/m-0123456789ab", "m/m-0123456789ab"),
            (published.GetProperty("specversion").GetString(), published.GetProperty("id").GetString(), published.GetProperty("type").GetString(),
                published.GetProperty("source").GetString(), published.GetProperty("subject").GetString()));
        Assert.Equal(At, published.GetProperty("time").GetDateTimeOffset());
        Assert.Equal("training", published.GetProperty("data").GetProperty("phase").GetString());
    }

    [Fact]
    public async Task NotifyJobEvent_TopicRefuses_ThrowsForTheRetryAndRecordsEachAttempt()
    {
        await fixture.EnsureStorageAsync();
        await using var topic = await EventGridTopicStandIn.StartAsync();
        topic.StatusCode = 403;
        var jobId = $"{PipelineFixture.NewModelName()}-0123456789ab";
        using var webhook = new JobEventWebhook(Options.Create(fixture.Notifications));
        var activity = new NotifyJobEvent(fixture.Storage, webhook, new JobEventTopic(topic.Client()), NullLogger<NotifyJobEvent>.Instance);
        var notification = Notification(PipelinePhases.Queued, jobId) with { Channel = NotificationChannel.EventGrid, MaxAttempts = 2 };

        var first = await Assert.ThrowsAsync<RequestFailedException>(() => activity.RunAsync(new TestActivityContext(nameof(NotifyJobEvent), jobId), notification));
        var afterFirst = await RecordAsync(jobId);
        await Assert.ThrowsAsync<RequestFailedException>(() => activity.RunAsync(new TestActivityContext(nameof(NotifyJobEvent), jobId), notification));
        var afterSecond = await RecordAsync(jobId);
        topic.StatusCode = 200;
        await activity.RunAsync(new TestActivityContext(nameof(NotifyJobEvent), jobId), notification with { Data = notification.Data with { Sequence = 4 } });
        var delivered = await RecordAsync(jobId);

        Assert.Equal(403, first.Status);
        Assert.Equal((1, NotificationOutcome.Retrying, 403), (afterFirst.EventGrid!.Attempts, afterFirst.EventGrid.State, afterFirst.EventGrid.StatusCode));
        Assert.Equal((2, NotificationOutcome.Failed, 403), (afterSecond.EventGrid!.Attempts, afterSecond.EventGrid.State, afterSecond.EventGrid.StatusCode));
        Assert.Equal(($"{jobId}:4", 1, NotificationOutcome.Delivered, 200), (delivered.EventGrid!.EventId, delivered.EventGrid.Attempts, delivered.EventGrid.State, delivered.EventGrid.StatusCode));
        Assert.Null(delivered.EventGrid.Signed);
        Assert.Null(delivered.Webhook);
        Assert.Equal(3, topic.Requests.Count);
    }

    private static JobEventNotification Notification(string phase, string jobId) =>
        new(NotificationChannel.EventGrid, null, At, new JobEventData(jobId, jobId.Split('-')[0], phase, 1, 3), 5);

    private async Task<JobNotificationsRecord> RecordAsync(string jobId)
    {
        var text = (await fixture.Storage.Jobs.GetBlobClient(PipelineBlobs.Notifications(jobId)).DownloadContentAsync()).Value.Content.ToString();
        return JsonSerializer.Deserialize<JobNotificationsRecord>(text, WireJson.Options)!;
    }
}
