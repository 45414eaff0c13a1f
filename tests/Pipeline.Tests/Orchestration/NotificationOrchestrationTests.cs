using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.Pipeline.Handlers;
using Platform.Pipeline.Handlers.Jobs;
using Platform.Pipeline.Notifications;
using Platform.Pipeline.Orchestration;
using Platform.Pipeline.Storage;
using Platform.Shared.Jobs;
using Platform.TestSupport;

namespace Platform.Pipeline.Tests.Orchestration;

/// <summary>The orchestrator's job events, posted to a loopback webhook receiver by the real activity through the Durable test host.</summary>
[Collection(PipelineCollection.Name)]
public sealed class NotificationOrchestrationTests(PipelineFixture fixture)
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Run_WithWebhook_PostsEachChangeOfPhaseInOrderSigned()
    {
        await using var receiver = WebhookReceiver.Start();
        var (model, jobId) = await StartAsync(receiver.Url);

        await TrainAsync(jobId);
        var result = await CompletionAsync(jobId);
        var events = await receiver.WaitForAsync(r => r.Count >= 6, Long);

        Assert.Equal(PipelineOutcome.Completed, result.Outcome);
        Assert.Equal(["Validating", "Queued", "Training", "Evaluating", "Publishing", "Completed"],
            events.Select(e => e.Json().GetProperty("type").GetString()!["Platform.Job.".Length..]));
        Assert.Equal(Enumerable.Range(1, 6).Select(n => $"{jobId}:{n}"), events.Select(e => e.Json().GetProperty("id").GetString()));
        Assert.All(events, e =>
        {
            Assert.Equal("POST", e.Method);
            Assert.StartsWith("application/cloudevents+json", e.Header("Content-Type"), StringComparison.Ordinal);
            Assert.True(WebhookSignature.Verify(PipelineFixture.WebhookSecret, e.Body, e.Header(WebhookSignature.Header)), e.Header(WebhookSignature.Header));
            var json = e.Json();
            Assert.Equal("1.0", json.GetProperty("specversion").GetString());
            Assert.Equal($"/api/jobs/{jobId}", json.GetProperty("source").GetString());
            Assert.Equal($"{model}/{jobId}", json.GetProperty("subject").GetString());
            Assert.Equal(jobId, json.GetProperty("data").GetProperty("jobId").GetString());
        });
        var completed = events[^1].Json().GetProperty("data");
        Assert.Equal(result.Version, completed.GetProperty("version").GetString());
        Assert.Equal(result.Metrics!.MacroF1, completed.GetProperty("metrics").GetProperty("macroF1").GetDouble());
        Assert.Equal(1, events[1].Json().GetProperty("data").GetProperty("attempt").GetInt32());
        Assert.Equal(events.Select(e => e.Json().GetProperty("time").GetDateTimeOffset()).Order(), events.Select(e => e.Json().GetProperty("time").GetDateTimeOffset()));

        var record = await RecordAsync(jobId);
        Assert.Equal(($"{jobId}:6", "Platform.Job.Completed", NotificationOutcome.Delivered, 1, 200, true),
            (record.Webhook!.EventId, record.Webhook.EventType, record.Webhook.State, record.Webhook.Attempts, record.Webhook.StatusCode, record.Webhook.Signed));
        Assert.Null(record.EventGrid);
    }

    [Fact]
    public async Task Run_ReceiverAnswers500_RetriesEachEventThenCompletesTheJobWithTheFailureRecorded()
    {
        await using var receiver = WebhookReceiver.Start(statusCode: 500);
        var (_, jobId) = await StartAsync(receiver.Url);

        await TrainAsync(jobId);
        var result = await CompletionAsync(jobId);
        var attempts = fixture.Notifications.MaxAttempts;
        var requests = await receiver.WaitForAsync(r => r.Count >= 6 * attempts, Long);

        Assert.Equal(PipelineOutcome.Completed, result.Outcome);
        Assert.True(result.Promoted, result.PromotionReason);
        var perEvent = requests.GroupBy(r => r.Json().GetProperty("id").GetString()!).ToList();
        Assert.Equal(6, perEvent.Count);
        Assert.All(perEvent, g => Assert.Equal(attempts, g.Count()));
        // Each retry sends the same bytes: the event's id, time and signature do not change.
        Assert.All(perEvent, g => Assert.Single(g.Select(r => Convert.ToHexString(r.Body)).Distinct()));
        var record = await RecordAsync(jobId);
        Assert.Equal(($"{jobId}:6", NotificationOutcome.Failed, attempts, 500), (record.Webhook!.EventId, record.Webhook.State, record.Webhook.Attempts, record.Webhook.StatusCode));
        Assert.Contains("answered 500", record.Webhook.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ReceiverHoldsTheFirstEvent_DispatchesTrainingMeanwhileThenDeliversEveryEventInOrder()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var receiver = WebhookReceiver.Start();
        receiver.Gate = gate.Task;
        var (_, jobId) = await StartAsync(receiver.Url);
        try
        {
            await receiver.WaitForAsync(r => r.Count >= 1, Long);

            // The validating event's delivery is in flight (the receiver has not answered): training is dispatched anyway.
            Assert.NotNull(await fixture.ReceiveDispatchAsync($"{jobId}-1", Long));
            await fixture.WaitForPhaseAsync(jobId, PipelinePhases.Queued, Long);
            Assert.Equal(["Platform.Job.Validating"], receiver.Requests.Select(e => e.Json().GetProperty("type").GetString()));
            Assert.False(await fixture.Storage.Jobs.GetBlobClient(PipelineBlobs.Notifications(jobId)).ExistsAsync(), "The first delivery ended before the dispatch.");
        }
        finally
        {
            gate.TrySetResult();
        }

        await fixture.UploadPackageAsync(jobId);
        await fixture.EnqueueFinishedAsync(new TrainingFinished(jobId, 1, TrainingOutcome.Succeeded, ModelPrefix: JobBlobs.ModelPrefix(jobId)));
        await fixture.RelayEventsAsync();
        var result = await CompletionAsync(jobId);

        // The orchestration drains its deliveries before it ends: every event is in when the job is.
        Assert.Equal(PipelineOutcome.Completed, result.Outcome);
        var events = receiver.Requests;
        Assert.Equal(Enumerable.Range(1, 6).Select(n => $"{jobId}:{n}"), events.Select(e => e.Json().GetProperty("id").GetString()));
        Assert.Equal(["Validating", "Queued", "Training", "Evaluating", "Publishing", "Completed"],
            events.Select(e => e.Json().GetProperty("type").GetString()!["Platform.Job.".Length..]));
        var record = await RecordAsync(jobId);
        Assert.Equal(($"{jobId}:6", NotificationOutcome.Delivered, 1), (record.Webhook!.EventId, record.Webhook.State, record.Webhook.Attempts));
    }

    [Fact]
    public async Task Run_CancelledWhileQueued_PostsTheCancelledEventLastSignedAndTheJobViewShowsItsDelivery()
    {
        await using var receiver = WebhookReceiver.Start();
        var (model, jobId) = await StartAsync(receiver.Url);
        Assert.NotNull(await fixture.ReceiveDispatchAsync($"{jobId}-1", Long));
        await fixture.WaitForPhaseAsync(jobId, PipelinePhases.Queued, Long);

        await fixture.Host.Client.RaiseEventAsync(jobId, PipelineEvents.CancelRequested, new CancelRequest("user asked"));
        var result = await CompletionAsync(jobId);
        var events = receiver.Requests;

        Assert.Equal(PipelineOutcome.Cancelled, result.Outcome);
        Assert.Equal(["Platform.Job.Validating", "Platform.Job.Queued", "Platform.Job.Cancelled"], events.Select(e => e.Json().GetProperty("type").GetString()));
        Assert.Equal(Enumerable.Range(1, 3).Select(n => $"{jobId}:{n}"), events.Select(e => e.Json().GetProperty("id").GetString()));
        Assert.All(events, e => Assert.True(WebhookSignature.Verify(PipelineFixture.WebhookSecret, e.Body, e.Header(WebhookSignature.Header)), e.Header(WebhookSignature.Header)));
        var cancelled = events[^1].Json();
        Assert.Equal($"{model}/{jobId}", cancelled.GetProperty("subject").GetString());
        Assert.Equal((PipelinePhases.Cancelled, "user asked"), (cancelled.GetProperty("data").GetProperty("phase").GetString(), cancelled.GetProperty("data").GetProperty("error").GetString()));

        var view = await new JobStatusReader(HandlerContainers.From(fixture.Storage), NullLogger<JobStatusReader>.Instance).ReadAsync(fixture.Host.Client, jobId, CancellationToken.None);
        var webhook = view!.Notifications!.Value.GetProperty("webhook");
        Assert.Equal(($"{jobId}:3", "Platform.Job.Cancelled", PipelinePhases.Cancelled, NotificationOutcome.Delivered, 1, 200, true),
            (webhook.GetProperty("eventId").GetString(), webhook.GetProperty("eventType").GetString(), webhook.GetProperty("phase").GetString(),
                webhook.GetProperty("state").GetString(), webhook.GetProperty("attempts").GetInt32(), webhook.GetProperty("statusCode").GetInt32(), webhook.GetProperty("signed").GetBoolean()));
    }

    [Fact]
    public async Task Run_WatchdogCycles_NotifyOnlyWhenThePhaseChanges()
    {
        await using var receiver = WebhookReceiver.Start();
        var watchdog = new WatchdogSettings { CheckInterval = TimeSpan.FromSeconds(1), HeartbeatTimeout = TimeSpan.FromMinutes(5), MaxAttempts = 2 };
        var (_, jobId) = await StartAsync(receiver.Url, watchdog);
        Assert.NotNull(await fixture.ReceiveDispatchAsync($"{jobId}-1", Long));
        await WaitForCyclesAsync(jobId, 2);

        await HeartbeatAsync(jobId);
        await receiver.WaitForAsync(r => r.Any(e => e.Json().GetProperty("type").GetString() == "Platform.Job.Training"), Long);
        await WaitForCyclesAsync(jobId, 2);
        await fixture.EnqueueFinishedAsync(new TrainingFinished(jobId, 1, TrainingOutcome.Failed, "out_of_memory", "CUDA out of memory"));
        await fixture.RelayEventsAsync();
        var result = await CompletionAsync(jobId);
        var events = await receiver.WaitForAsync(r => r.Count >= 4, Long);

        Assert.Equal(PipelineOutcome.Failed, result.Outcome);
        Assert.Equal(["Platform.Job.Validating", "Platform.Job.Queued", "Platform.Job.Training", "Platform.Job.Failed"], events.Select(e => e.Json().GetProperty("type").GetString()));
        var failed = events[^1].Json().GetProperty("data");
        Assert.Equal(("out_of_memory", "CUDA out of memory"), (failed.GetProperty("errorCode").GetString(), failed.GetProperty("error").GetString()));
        Assert.Equal($"{jobId}:4", events[^1].Json().GetProperty("id").GetString());
    }

    [Fact]
    public async Task Run_WithoutNotifications_CallsNoNotifyActivity()
    {
        var model = PipelineFixture.NewModelName();
        var jobId = $"{model}-{Guid.NewGuid().ToString("N")[..12]}";
        await fixture.EnsureStorageAsync();
        await fixture.UploadDatasetAsync($"{model}.csv", TestCsv.SingleClass(30));
        await fixture.Host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(TrainingOrchestrator),
            fixture.NewInput(jobId, model, $"{model}.csv"), new StartOrchestrationOptions { InstanceId = jobId });

        var result = await CompletionAsync(jobId);

        Assert.Equal(PipelineOutcome.Failed, result.Outcome);
        Assert.False(await fixture.Storage.Jobs.GetBlobClient(PipelineBlobs.Notifications(jobId)).ExistsAsync());
    }

    private async Task<(string Model, string JobId)> StartAsync(Uri webhook, WatchdogSettings? watchdog = null)
    {
        var model = PipelineFixture.NewModelName();
        var jobId = $"{model}-{Guid.NewGuid().ToString("N")[..12]}";
        await fixture.EnsureStorageAsync();
        await fixture.UploadDatasetAsync($"{model}.csv", TestCsv.TwoClasses(30));
        var input = fixture.NewInput(jobId, model, $"{model}.csv", watchdog) with { Notifications = NotificationPlan.For(new NotifyOptions(webhook), fixture.Notifications) };
        await fixture.Host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(TrainingOrchestrator), input, new StartOrchestrationOptions { InstanceId = jobId });
        return (model, jobId);
    }

    /// <summary>What a runner does, played by the test: takes the dispatch, uploads the package, reports success.</summary>
    private async Task TrainAsync(string jobId)
    {
        Assert.NotNull(await fixture.ReceiveDispatchAsync($"{jobId}-1", Long));
        await fixture.WaitForPhaseAsync(jobId, PipelinePhases.Queued, Long);
        await fixture.UploadPackageAsync(jobId);
        await fixture.EnqueueFinishedAsync(new TrainingFinished(jobId, 1, TrainingOutcome.Succeeded, ModelPrefix: JobBlobs.ModelPrefix(jobId)));
        await fixture.RelayEventsAsync();
    }

    private async Task HeartbeatAsync(string jobId) =>
        await fixture.Storage.Jobs.GetBlobClient(JobBlobs.Status(jobId)).UploadJsonAsync(
            new JobStatusDocument { JobId = jobId, Attempt = 1, Phase = "training", HeartbeatAt = DateTimeOffset.UtcNow });

    /// <summary>Waits until the orchestration has continued as new <paramref name="cycles"/> more times (each watchdog cycle updates it).</summary>
    private async Task WaitForCyclesAsync(string jobId, int cycles)
    {
        var deadline = DateTime.UtcNow + Long;
        var seen = (await fixture.Host.Client.GetInstanceAsync(jobId))!.LastUpdatedAt;
        for (var i = 0; i < cycles; i++)
        {
            while ((await fixture.Host.Client.GetInstanceAsync(jobId))!.LastUpdatedAt is var updated && updated <= seen)
            {
                Assert.True(DateTime.UtcNow < deadline, $"{jobId} ran no watchdog cycle within {Long}.");
                await Task.Delay(100);
            }

            seen = (await fixture.Host.Client.GetInstanceAsync(jobId))!.LastUpdatedAt;
        }
    }

    private async Task<JobNotificationsRecord> RecordAsync(string jobId)
    {
        var text = (await fixture.Storage.Jobs.GetBlobClient(PipelineBlobs.Notifications(jobId)).DownloadContentAsync()).Value.Content.ToString();
        return JsonSerializer.Deserialize<JobNotificationsRecord>(text, WireJson.Options)!;
    }

    private async Task<PipelineResult> CompletionAsync(string jobId)
    {
        using var timeout = new CancellationTokenSource(Long);
        var instance = await fixture.Host.Client.WaitForInstanceCompletionAsync(jobId, getInputsAndOutputs: true, timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        return instance.ReadOutputAs<PipelineResult>()!;
    }
}
