using Microsoft.Extensions.Hosting;

namespace Platform.Runner.Hosting;

/// <summary>
/// The host stops when the caller's token is cancelled: signals belong to the process that runs it (the CLI's first
/// SIGTERM stops gracefully, a second aborts; DevHost stops it with itself), so the console lifetime's own handlers stay out.
/// </summary>
internal sealed class CommandLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
