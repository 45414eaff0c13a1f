using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Platform.Shared.Telemetry;

namespace Platform.Pipeline.Telemetry;

/// <summary>
/// The platform's traces and metrics: one <see cref="ActivitySource"/> and one <see cref="Meter"/>, both named
/// <see cref="Name"/>, that hosts subscribe to through OpenTelemetry. Every span about a job carries its id.
/// </summary>
public static class PipelineTelemetry
{
    public const string Name = "Platform.Pipeline";

    /// <summary>Tag and log-scope key holding the job id.</summary>
    public const string JobIdKey = PlatformOpenTelemetry.JobIdKey;

    public static ActivitySource Source { get; } = new(Name);

    public static Meter Meter { get; } = new(Name);

    /// <summary>Jobs whose orchestration was scheduled (<c>source</c>: request or upload).</summary>
    public static Counter<long> JobsStarted { get; } = Meter.CreateCounter<long>("platform.jobs.started", description: "Training jobs scheduled.");

    /// <summary>Uploads refused before training (<c>reason</c>: the problem's field).</summary>
    public static Counter<long> UploadsRejected { get; } = Meter.CreateCounter<long>("platform.uploads.rejected", description: "Uploads refused before a job could run.");

    /// <summary>Activity executions by name and outcome.</summary>
    public static Counter<long> ActivityRuns { get; } = Meter.CreateCounter<long>("platform.activities.runs", description: "Pipeline activity executions.");

    /// <summary>Activity durations in seconds.</summary>
    public static Histogram<double> ActivityDuration { get; } = Meter.CreateHistogram<double>("platform.activities.duration", unit: "s", description: "Pipeline activity durations.");

    /// <summary>Tags the current span (the function invocation's, in Azure) with the job it is about.</summary>
    public static void TagJob(string jobId) => Activity.Current?.SetTag(JobIdKey, jobId);

    /// <summary>A span named <paramref name="operation"/> tagged with the job id, and a log scope with the same id; dispose both together.</summary>
    public static JobScope BeginJob(ILogger logger, string operation, string jobId, ActivityKind kind = ActivityKind.Internal)
    {
        ArgumentNullException.ThrowIfNull(logger);
        var span = Source.StartActivity(operation, kind);
        span?.SetTag(JobIdKey, jobId);
        var scope = logger.BeginScope(new Dictionary<string, object> { [JobIdKey] = jobId });
        return new JobScope(span, scope);
    }
}

/// <summary>A job's span and log scope, ended together.</summary>
public sealed class JobScope(Activity? span, IDisposable? scope) : IDisposable
{
    public Activity? Span => span;

    /// <summary>Marks the span failed with <paramref name="error"/>'s type and message.</summary>
    public void Fail(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        span?.SetStatus(ActivityStatusCode.Error, error.Message);
        span?.AddException(error);
    }

    public void Dispose()
    {
        scope?.Dispose();
        span?.Dispose();
    }
}
