using System.Collections.Concurrent;
using System.Diagnostics;
using Platform.Pipeline.Telemetry;

namespace Platform.EndToEnd;

/// <summary>The platform's spans come from the function classes DevHost runs, each tagged with its job.</summary>
public sealed class TelemetryTests(PlatformWithoutRunner platform) : IClassFixture<PlatformWithoutRunner>
{
    [Fact]
    public async Task Upload_ActivitiesOfTheJob_EmitSpansTaggedWithItsId()
    {
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == PipelineTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
        var model = PlatformFixture.NewModelName();

        await platform.UploadAsync(model, Datasets.Invalid(), Datasets.TinyOptions());
        var jobId = await platform.WaitForJobIdAsync(model, TimeSpan.FromSeconds(30));
        await platform.WaitForTerminalAsync(jobId, TimeSpan.FromMinutes(1));

        var prepare = Assert.Single(spans, span => span.OperationName == "PrepareDataset" && (span.GetTagItem(PipelineTelemetry.JobIdKey) as string) == jobId);
        Assert.Equal(ActivityStatusCode.Unset, prepare.Status);
    }
}
