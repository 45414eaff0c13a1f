using System.Text.Json;
using Platform.Modeling.Evaluation;
using Platform.Pipeline.Notifications;
using Platform.Pipeline.Orchestration;

namespace Platform.Pipeline.Tests.Notifications;

public sealed class JobEventsTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 10, 17, 48, TimeSpan.Zero);

    [Fact]
    public void Serialize_CompletedEvent_IsStructuredCloudEventsJson()
    {
        var data = new JobEventData("reviews-0123456789ab", "reviews", PipelinePhases.Completed, 1, 6, PipelineOutcome.Completed,
            Version: "0123456789ab", Promoted: true, Metrics: new MetricsSummary(MetricsSummary.SingleLabel, 50, 0.91, 0.92, 0.915, Accuracy: 0.92));

        using var document = JsonDocument.Parse(JobEvents.Serialize(JobEvents.Create(new JobEventNotification(NotificationChannel.Webhook, null, At, data, 5))));
        var root = document.RootElement;

        Assert.Equal("1.0", root.GetProperty("specversion").GetString());
        Assert.Equal("reviews-0123456789ab:6", root.GetProperty("id").GetString());
        Assert.Equal("/api/jobs/reviews-0123456789ab", root.GetProperty("source").GetString());
        Assert.Equal("Platform.Job.Completed", root.GetProperty("type").GetString());
        Assert.Equal("reviews/reviews-0123456789ab", root.GetProperty("subject").GetString());
        Assert.Equal(At, root.GetProperty("time").GetDateTimeOffset());
        Assert.Equal("application/json", root.GetProperty("datacontenttype").GetString());
        Assert.False(root.TryGetProperty("data_base64", out _));
        var body = root.GetProperty("data");
        Assert.Equal(("reviews-0123456789ab", "reviews", "completed", 1, 6), (body.GetProperty("jobId").GetString(), body.GetProperty("model").GetString(),
            body.GetProperty("phase").GetString(), body.GetProperty("attempt").GetInt32(), body.GetProperty("sequence").GetInt32()));
        Assert.Equal("completed", body.GetProperty("outcome").GetString(), ignoreCase: true);
        Assert.Equal("0123456789ab", body.GetProperty("version").GetString());
        Assert.True(body.GetProperty("promoted").GetBoolean());
        Assert.Equal(0.91, body.GetProperty("metrics").GetProperty("macroF1").GetDouble());
        Assert.False(body.TryGetProperty("error", out _));
    }

    [Fact]
    public void Create_SameInput_GivesTheSameBytes()
    {
        var input = new JobEventNotification(NotificationChannel.Webhook, null, At, new JobEventData("j-1", "m", PipelinePhases.Failed, 2, 4, PipelineOutcome.Failed, "heartbeat_lost", "runner heartbeat lost after 2 attempts"), 5);

        Assert.Equal(JobEvents.Serialize(JobEvents.Create(input)), JobEvents.Serialize(JobEvents.Create(input)));
    }

    [Theory]
    [InlineData(PipelinePhases.Validating, "Platform.Job.Validating")]
    [InlineData(PipelinePhases.Queued, "Platform.Job.Queued")]
    [InlineData(PipelinePhases.Training, "Platform.Job.Training")]
    [InlineData(PipelinePhases.Evaluating, "Platform.Job.Evaluating")]
    [InlineData(PipelinePhases.Publishing, "Platform.Job.Publishing")]
    [InlineData(PipelinePhases.Cancelled, "Platform.Job.Cancelled")]
    public void Type_OfEachPhase_IsInThePlatformJobNamespace(string phase, string type) => Assert.Equal(type, JobEvents.Type(phase));
}
