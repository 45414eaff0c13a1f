using Microsoft.AspNetCore.Builder;
using Platform.DevHost.Http;

namespace Platform.DevHost;

/// <summary>Composes the local platform: the same Pipeline services and HTTP routes as the Functions app, on Kestrel.</summary>
public static class DevHostApplication
{
    /// <summary><paramref name="settings"/> override configuration (tests pass ports, containers and timers here).</summary>
    public static WebApplication Build(string[] args, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.AddApplicationServices();
        var app = builder.Build();
        app.MapPipelineRoutes();
        return app;
    }
}
