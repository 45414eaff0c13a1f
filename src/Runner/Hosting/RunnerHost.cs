using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Platform.Runner.Hosting;

/// <summary>The generic host of the runner: appsettings.json next to the executable, then environment variables (<c>ServiceBus__ConnectionString</c>, …).</summary>
public static class RunnerHost
{
    /// <summary>
    /// <paramref name="settings"/> override every other configuration source and are in place before the registrations
    /// read it (telemetry is set up from configuration); <paramref name="configure"/> runs after them (tests replace services there).
    /// </summary>
    public static IHost Build(bool once, IReadOnlyDictionary<string, string?>? settings = null, Action<IHostApplicationBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.AddRunner(once);
        // Stopped by the caller's token, never by signals of its own, and given the grace period to checkpoint.
        builder.Services.AddSingleton<IHostLifetime, CommandLifetime>();
        builder.Services.AddOptions<HostOptions>().Configure<IOptions<RunnerSettings>>((host, runner) => host.ShutdownTimeout = runner.Value.ShutdownGracePeriod);
        configure?.Invoke(builder);
        return builder.Build();
    }

    /// <summary>Runs until <paramref name="cancellationToken"/> (the command's SIGTERM/Ctrl+C token, or the stopping token of the host it runs in) or, with <c>--once</c>, the one message is done.</summary>
    public static async Task<int> RunAsync(IHost host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var exitCode = host.Services.GetRequiredService<RunnerExitCode>();
        await host.RunAsync(cancellationToken);
        return exitCode.Value;
    }
}
