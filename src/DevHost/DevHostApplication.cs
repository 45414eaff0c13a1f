using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Platform.Pipeline.Handlers;
using Platform.DevHost.Functions;
using Platform.Functions;
using Platform.Shared.Telemetry;

namespace Platform.DevHost;

/// <summary>Composes the local platform: the Functions app's composition and function classes, its HTTP routes on Kestrel.</summary>
public static class DevHostApplication
{
    /// <summary>Where nothing else sets them: the settings the trigger attributes name, and telemetry on the console.</summary>
    private static readonly IReadOnlyDictionary<string, string?> Defaults = new Dictionary<string, string?>(TriggerSettings.Defaults)
    {
        [PlatformOpenTelemetry.ConsoleKey] = "true",
    };

    /// <summary><paramref name="settings"/> override configuration (tests pass ports, containers and timers here).</summary>
    public static WebApplication Build(string[] args, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        // Lowest precedence: appsettings, environment variables and the command line all override these.
        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = Defaults });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.AddApplicationServices();
        var app = builder.Build();
        // What the host answers by itself (no route matched, a method a route does not take) is problem+json too.
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            var problem = Problems.ForStatus(http.Response.StatusCode, http.Request.Method, http.Request.Path);
            http.Response.ContentType = problem.ContentType;
            await http.Response.WriteAsync(problem.Body!, http.RequestAborted);
        });
        app.MapFunctionRoutes();
        return app;
    }
}
