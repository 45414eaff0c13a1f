using System.Diagnostics;
using System.Diagnostics.Metrics;
using Azure.Messaging.ServiceBus;
using Platform.Shared.Telemetry;

namespace Platform.Runner;

/// <summary>
/// The runner's traces and metrics: one <see cref="ActivitySource"/> and one <see cref="Meter"/>, both named
/// <see cref="Name"/>. A job's span continues the trace of the dispatch that sent its message (<c>traceparent</c>), so a
/// job reads as one trace from the upload to the published model; every span carries the job id.
/// </summary>
public static class RunnerTelemetry
{
    public const string Name = "Platform.Runner";

    /// <summary>The property the Azure SDK itself writes the sender's trace context to.</summary>
    private const string DiagnosticIdProperty = "Diagnostic-Id";

    public static ActivitySource Source { get; } = new(Name);

    public static Meter Meter { get; } = new(Name);

    /// <summary>Messages handled, by <c>outcome</c> (succeeded, failed, cancelled, superseded, abandoned, dead_lettered, …).</summary>
    public static Counter<long> Jobs { get; } = Meter.CreateCounter<long>("platform.runner.jobs", description: "Training messages handled by the runner.");

    /// <summary>Time from taking a message to settling it, in seconds, by <c>outcome</c>.</summary>
    public static Histogram<double> JobDuration { get; } = Meter.CreateHistogram<double>("platform.runner.job.duration", unit: "s", description: "Training message handling time.");

    /// <summary>Training throughput of each finished run, in sequences per second, by <c>device</c>.</summary>
    public static Histogram<double> Throughput { get; } = Meter.CreateHistogram<double>("platform.runner.training.throughput", unit: "{sequence}/s", description: "Training throughput per run.");

    /// <summary>The span of one message: a consumer span whose parent is the trace context the message carries, if any.</summary>
    public static Activity? StartJob(ServiceBusReceivedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var parent = ParentOf(message);
        var span = Source.StartActivity("runner.job", ActivityKind.Consumer, parent);
        span?.SetTag("messaging.system", "servicebus");
        span?.SetTag("messaging.message.id", message.MessageId);
        span?.SetTag("messaging.servicebus.message.delivery_count", message.DeliveryCount);
        return span;
    }

    /// <summary>A step of the job (prepare, train, upload) under the current span.</summary>
    public static Activity? StartStep(string step, string jobId)
    {
        var span = Source.StartActivity("runner." + step);
        span?.SetTag(PlatformOpenTelemetry.JobIdKey, jobId);
        return span;
    }

    /// <summary>Records how a message ended: the span's outcome tag and status, the counter and the duration.</summary>
    public static void Settled(Activity? span, string outcome, TimeSpan elapsed, string? error = null)
    {
        span?.SetTag("job.outcome", outcome);
        if (error is not null)
        {
            span?.SetStatus(ActivityStatusCode.Error, error);
        }

        var tag = new KeyValuePair<string, object?>("outcome", outcome);
        Jobs.Add(1, tag);
        JobDuration.Record(elapsed.TotalSeconds, tag);
    }

    /// <summary>The trace context a message carries: ours (<c>traceparent</c>), else the Azure SDK's (<c>Diagnostic-Id</c>).</summary>
    public static ActivityContext ParentOf(ServiceBusReceivedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        foreach (var key in (string[])[PlatformOpenTelemetry.TraceParentProperty, DiagnosticIdProperty])
        {
            if (message.ApplicationProperties.TryGetValue(key, out var value) && value is string text
                && ActivityContext.TryParse(text, null, isRemote: true, out var context))
            {
                return context;
            }
        }

        return default;
    }
}
