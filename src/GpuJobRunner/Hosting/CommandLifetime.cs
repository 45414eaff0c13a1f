using Microsoft.Extensions.Hosting;

namespace Platform.GpuJobRunner.Hosting;

/// <summary>
/// The host stops when the command's token is cancelled: signals are owned by <see cref="Cli.ShutdownSignals"/>
/// (first SIGTERM stops gracefully, a second aborts), so the console lifetime's own handlers stay out.
/// </summary>
internal sealed class CommandLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
