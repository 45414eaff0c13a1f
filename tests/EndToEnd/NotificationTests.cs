using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Pipeline.Notifications;
using Platform.TestSupport;

namespace Platform.EndToEnd;

/// <summary>Job notifications through DevHost: a real tiny-model job posts its phase changes to a loopback webhook receiver.</summary>
public sealed class NotificationTests(NotificationPlatform platform) : IClassFixture<NotificationPlatform>
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(3);
    private static readonly string[] Phases = ["validating", "queued", "training", "evaluating", "publishing", "completed"];

    [Fact]
    public async Task Upload_WithWebhook_PostsEveryPhaseInOrderSigned()
    {
        await using var receiver = WebhookReceiver.Start();
        var model = PlatformFixture.NewModelName();
        await platform.UploadAsync(model, Datasets.Separable(), NotifyOptions(receiver.Url));

        var jobId = await platform.WaitForJobIdAsync(model, TimeSpan.FromSeconds(30));
        var job = await platform.WaitForTerminalAsync(jobId, Long);
        var events = await receiver.WaitForAsync(r => r.Count >= Phases.Length, Long);

        Assert.True(job.GetProperty("phase").GetString() == "completed", job.ToString());
        Assert.Equal(Phases, events.Select(e => e.Json().GetProperty("data").GetProperty("phase").GetString()));
        Assert.Equal(Phases.Select(p => JobEvents.Type(p)), events.Select(e => e.Json().GetProperty("type").GetString()));
        Assert.Equal(Enumerable.Range(1, Phases.Length).Select(n => $"{jobId}:{n}"), events.Select(e => e.Json().GetProperty("id").GetString()));
        Assert.All(events, e => Assert.True(WebhookSignature.Verify(NotificationPlatform.WebhookSecret, e.Body, e.Header(WebhookSignature.Header))));
        Assert.All(events, e => Assert.StartsWith(JobEvents.ContentType, e.Header("Content-Type"), StringComparison.Ordinal));
        var completed = events[^1].Json().GetProperty("data");
        Assert.Equal(job.GetProperty("output").GetProperty("version").GetString(), completed.GetProperty("version").GetString());
        Assert.True(completed.GetProperty("metrics").GetProperty("macroF1").GetDouble() > 0);

        var view = await platform.GetJobAsync(jobId);
        var webhook = view.GetProperty("notifications").GetProperty("webhook");
        Assert.Equal(("delivered", $"{jobId}:6", "Platform.Job.Completed", 200, true), (webhook.GetProperty("state").GetString(), webhook.GetProperty("eventId").GetString(),
            webhook.GetProperty("eventType").GetString(), webhook.GetProperty("statusCode").GetInt32(), webhook.GetProperty("signed").GetBoolean()));
    }

    [Fact]
    public async Task Upload_ReceiverAnswers500_RetriesEachEventAndTheJobCompletesWithTheFailureInItsView()
    {
        await using var receiver = WebhookReceiver.Start(statusCode: 500);
        var model = PlatformFixture.NewModelName();
        await platform.UploadAsync(model, Datasets.Separable(), NotifyOptions(receiver.Url));

        var jobId = await platform.WaitForJobIdAsync(model, TimeSpan.FromSeconds(30));
        var job = await platform.WaitForTerminalAsync(jobId, Long);
        var requests = await receiver.WaitForAsync(r => r.Count >= Phases.Length * 3, Long);

        Assert.True(job.GetProperty("phase").GetString() == "completed", job.ToString());
        var perEvent = requests.GroupBy(r => r.Json().GetProperty("id").GetString()).ToList();
        Assert.Equal(Phases, perEvent.Select(g => g.First().Json().GetProperty("data").GetProperty("phase").GetString()));
        Assert.All(perEvent, g => Assert.Equal(3, g.Count()));
        var webhook = (await platform.GetJobAsync(jobId)).GetProperty("notifications").GetProperty("webhook");
        Assert.Equal(("failed", "completed", 3, 500), (webhook.GetProperty("state").GetString(), webhook.GetProperty("phase").GetString(),
            webhook.GetProperty("attempts").GetInt32(), webhook.GetProperty("statusCode").GetInt32()));
        Assert.Contains("answered 500", webhook.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    private static string NotifyOptions(Uri webhook)
    {
        var options = JsonNode.Parse(Datasets.TinyOptions())!.AsObject();
        options["notify"] = new JsonObject { ["webhook"] = webhook.AbsoluteUri };
        return options.ToJsonString(new JsonSerializerOptions());
    }
}
