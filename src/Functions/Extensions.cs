using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Pipeline.Activities;
using Platform.Pipeline.Handlers;
using Platform.Pipeline.Orchestration;
using Platform.Pipeline.Telemetry;
using Platform.Shared.Telemetry;

namespace Platform.Functions;

/// <summary>The one composition root of the platform's services: the Functions host and DevHost both build from it.</summary>
public static class Extensions
{
    /// <summary>
    /// Registers what the function classes need and nothing a particular host provides: the Durable Task client reaches
    /// them as a <c>[DurableClient]</c> parameter, triggers and bindings come from whichever host runs them.
    /// </summary>
    public static IHostApplicationBuilder AddPlatformServices(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddPipeline(builder.Configuration);
        builder.Services.AddPipelineHandlers();
        foreach (var activity in PipelineRegistryExtensions.ActivityTypes)
        {
            builder.Services.AddTransient(activity);
        }

        // Logs reach Application Insights through its SDK (Program.cs), so only spans and metrics go through OpenTelemetry.
        builder.AddPlatformOpenTelemetry([PipelineTelemetry.Name], exportLogs: false);
        return builder;
    }
}
