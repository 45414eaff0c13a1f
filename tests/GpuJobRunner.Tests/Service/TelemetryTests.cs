using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Platform.Runner;
using Platform.Shared.Jobs;
using Platform.Shared.Telemetry;

namespace Platform.GpuJobRunner.Tests.Service;

/// <summary>The runner's own spans and metrics: one trace per job continuing the dispatcher's, each span tagged with the job.</summary>
[Collection(ServiceCollection.Name)]
public sealed class TelemetryTests(ServiceEnvironment environment)
{
    private static readonly ActivityTraceId DispatchTrace = ActivityTraceId.CreateRandom();
    private static readonly ActivitySpanId DispatchSpan = ActivitySpanId.CreateRandom();

    private static IReadOnlyDictionary<string, object> TraceParent => new Dictionary<string, object>
    {
        [PlatformOpenTelemetry.TraceParentProperty] = $"00-{DispatchTrace}-{DispatchSpan}-01",
    };

    [Fact]
    public async Task ServeOnce_MessageWithATraceParent_JobSpanContinuesTheTraceWithItsSteps()
    {
        var spans = new ConcurrentBag<Activity>();
        using var listener = Listen(spans);
        await using var scenario = new JobScenario(environment);
        await scenario.UploadSplitsAsync();
        await scenario.SendAsync(scenario.Job(attempt: 2), TraceParent);

        await using (var host = new RunningHost(scenario.BuildHost(once: true)))
        {
            Assert.Equal(0, await host.Completion.WaitAsync(TimeSpan.FromMinutes(2)));
        }

        var mine = spans.Where(s => (s.GetTagItem(PlatformOpenTelemetry.JobIdKey) as string) == scenario.JobId).ToList();
        var job = Assert.Single(mine, s => s.OperationName == "runner.job");
        Assert.Equal((DispatchTrace, DispatchSpan, ActivityKind.Consumer), (job.TraceId, job.ParentSpanId, job.Kind));
        Assert.Equal(("succeeded", 2), (job.GetTagItem("job.outcome"), job.GetTagItem("job.attempt")));
        Assert.Equal(ActivityStatusCode.Unset, job.Status);
        foreach (var step in new[] { "runner.prepare", "runner.train", "runner.upload" })
        {
            var span = Assert.Single(mine, s => s.OperationName == step);
            Assert.Equal((DispatchTrace, job.SpanId), (span.TraceId, span.ParentSpanId));
        }

        var train = Assert.Single(mine, s => s.OperationName == "runner.train");
        Assert.Equal(JobScenario.Fast.MaxSteps, train.GetTagItem("training.steps"));
    }

    [Fact]
    public async Task ServeOnce_SplitThatIsNotJsonLines_JobSpanIsAnErrorWithTheReason()
    {
        var spans = new ConcurrentBag<Activity>();
        using var listener = Listen(spans);
        await using var scenario = new JobScenario(environment);
        await scenario.UploadSplitsAsync(trainOverride: "this is not json\n");
        await scenario.SendAsync(scenario.Job());

        await using (var host = new RunningHost(scenario.BuildHost(once: true)))
        {
            await host.Completion.WaitAsync(TimeSpan.FromMinutes(2));
        }

        var job = Assert.Single(spans, s => s.OperationName == "runner.job" && (s.GetTagItem(PlatformOpenTelemetry.JobIdKey) as string) == scenario.JobId);
        Assert.Equal("failed", job.GetTagItem("job.outcome"));
        Assert.Equal(ActivityStatusCode.Error, job.Status);
        Assert.Contains("train", job.StatusDescription, StringComparison.Ordinal);
        // No trace context on the message: the job starts a trace of its own.
        Assert.Equal(default, job.ParentSpanId);
    }

    [Fact]
    public async Task Build_WithAnApplicationInsightsConnectionString_BuildsTheAzureMonitorExporters()
    {
        await using var scenario = new JobScenario(environment);
        using var host = scenario.BuildHost(settings: new Dictionary<string, string?>
        {
            [PlatformOpenTelemetry.ConnectionStringKey] = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/",
        });

        // Resolving the providers builds every exporter they were given; a wiring error surfaces here.
        Assert.NotNull(host.Services.GetRequiredService<TracerProvider>());
        Assert.NotNull(host.Services.GetRequiredService<OpenTelemetry.Metrics.MeterProvider>());
    }

    [Fact]
    public async Task Serve_ConsoleTelemetryOn_PrintsTheJobSpanWithItsTraceAndTheJobCounter()
    {
        await using var scenario = new JobScenario(environment);
        await scenario.UploadSplitsAsync();
        await scenario.SendAsync(scenario.Job(), TraceParent);
        var variables = scenario.Settings().ToDictionary(p => p.Key.Replace(":", "__", StringComparison.Ordinal), p => p.Value);
        variables["Telemetry__Console"] = "true";

        var (code, output, error) = await Task.Run(() => RunnerProcess.Run(null, variables, "serve", "--once"));

        Assert.True(code == 0, output + error);
        Assert.Contains("runner.job", output, StringComparison.Ordinal);
        Assert.Contains(DispatchTrace.ToHexString(), output, StringComparison.Ordinal);
        Assert.Contains(scenario.JobId, output, StringComparison.Ordinal);
        Assert.Contains("platform.runner.jobs", output, StringComparison.Ordinal);
    }

    /// <summary>Records every span of the runner's source that ends while the listener lives.</summary>
    private static ActivityListener Listen(ConcurrentBag<Activity> spans)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == RunnerTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
