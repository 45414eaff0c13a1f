using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.GpuJobRunner.Hosting;

/// <summary>The generic host of <c>serve</c>: appsettings.json next to the executable, then environment variables (<c>ServiceBus__ConnectionString</c>, …).</summary>
internal static class RunnerHost
{
    /// <summary><paramref name="configure"/> runs after the registrations (tests add configuration and replace services there).</summary>
    public static IHost Build(bool once, Action<IHostApplicationBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        builder.AddApplicationServices(once);
        configure?.Invoke(builder);
        return builder.Build();
    }

    /// <summary>Runs until <paramref name="cancellationToken"/> (the command's SIGTERM/Ctrl+C token) or, with <c>--once</c>, the one message is done.</summary>
    public static async Task<int> RunAsync(IHost host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var exitCode = host.Services.GetRequiredService<RunnerExitCode>();
        await host.RunAsync(cancellationToken);
        return exitCode.Value;
    }
}
