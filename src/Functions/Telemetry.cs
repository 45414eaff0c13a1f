using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Platform.Pipeline.Telemetry;

namespace Platform.Functions;

/// <summary>
/// OpenTelemetry for the platform's own spans and metrics (<see cref="PipelineTelemetry"/>): exported to Application
/// Insights where <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set, to the console where <c>Telemetry:Console</c> is
/// true (DevHost's default), nowhere otherwise. Logs reach Application Insights through its SDK (registered by the Functions
/// app's Program.cs), so they are not exported twice.
/// </summary>
public static class Telemetry
{
    public const string ConsoleKey = "Telemetry:Console";

    public static IHostApplicationBuilder AddPlatformTelemetry(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var toConsole = builder.Configuration.GetValue(ConsoleKey, false);
        var appInsights = builder.Configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"];
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Environment.ApplicationName))
            .WithTracing(tracing =>
            {
                tracing.AddSource(PipelineTelemetry.Name);
                if (!string.IsNullOrWhiteSpace(appInsights))
                {
                    tracing.AddAzureMonitorTraceExporter(options => options.ConnectionString = appInsights);
                }

                if (toConsole)
                {
                    tracing.AddConsoleExporter();
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(PipelineTelemetry.Name);
                if (!string.IsNullOrWhiteSpace(appInsights))
                {
                    metrics.AddAzureMonitorMetricExporter(options => options.ConnectionString = appInsights);
                }

                if (toConsole)
                {
                    metrics.AddConsoleExporter();
                }
            });
        return builder;
    }
}
