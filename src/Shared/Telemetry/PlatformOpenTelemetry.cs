using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Platform.Shared.Configuration;

namespace Platform.Shared.Telemetry;

/// <summary>
/// OpenTelemetry for a part's own spans and metrics (one <see cref="System.Diagnostics.ActivitySource"/> and one
/// <see cref="System.Diagnostics.Metrics.Meter"/> per part), set up alike in every host: exported to Application Insights
/// where <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set, authenticated with the part's identity (the resource
/// accepts only Entra ID telemetry); to the console where <c>Telemetry:Console</c> is true (DevHost's default); nowhere otherwise.
/// </summary>
public static class PlatformOpenTelemetry
{
    public const string ConsoleKey = "Telemetry:Console";

    /// <summary>Span tag and log-scope key holding the job id, in every part.</summary>
    public const string JobIdKey = "JobId";

    /// <summary>The message property a sender writes its W3C trace context to, so the receiver's span continues the trace.</summary>
    public const string TraceParentProperty = "traceparent";

    public const string ConnectionStringKey = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>
    /// Subscribes to the sources and meters named <paramref name="names"/>. With <paramref name="exportLogs"/> logs go to
    /// Application Insights through OpenTelemetry too, with their scopes (the job id); a host whose logs reach it another
    /// way (the Functions app, through the Application Insights SDK) passes false so nothing is sent twice.
    /// </summary>
    public static IHostApplicationBuilder AddPlatformOpenTelemetry(this IHostApplicationBuilder builder, IReadOnlyList<string> names, bool exportLogs)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(names);
        var toConsole = builder.Configuration.GetValue(ConsoleKey, false);
        var connectionString = builder.Configuration[ConnectionStringKey];
        var toAzureMonitor = !string.IsNullOrWhiteSpace(connectionString);
        // One credential for the trace, metric and log exporters: each would otherwise fetch its own tokens.
        var credential = toAzureMonitor ? AzureClients.Credential() : null;
        void AzureMonitor(AzureMonitorExporterOptions options)
        {
            options.ConnectionString = connectionString;
            options.Credential = credential;
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Environment.ApplicationName))
            .WithTracing(tracing =>
            {
                tracing.AddSource([.. names]);
                if (toAzureMonitor)
                {
                    tracing.AddAzureMonitorTraceExporter(AzureMonitor);
                }

                if (toConsole)
                {
                    tracing.AddConsoleExporter();
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter([.. names]);
                if (toAzureMonitor)
                {
                    metrics.AddAzureMonitorMetricExporter(AzureMonitor);
                }

                if (toConsole)
                {
                    metrics.AddConsoleExporter();
                }
            });
        if (exportLogs && toAzureMonitor)
        {
            telemetry.WithLogging(logging => logging.AddAzureMonitorLogExporter(AzureMonitor), options =>
            {
                options.IncludeScopes = true;
                options.IncludeFormattedMessage = true;
            });
        }

        return builder;
    }
}
