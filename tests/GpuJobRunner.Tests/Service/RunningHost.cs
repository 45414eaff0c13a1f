using Microsoft.Extensions.Hosting;
using Platform.Runner.Hosting;

namespace Platform.GpuJobRunner.Tests.Service;

/// <summary>A runner host running in this process until stopped, as <c>serve</c> runs until SIGTERM.</summary>
internal sealed class RunningHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task<int> _run;

    public RunningHost(IHost host)
    {
        _host = host;
        _run = Task.Run(() => RunnerHost.RunAsync(host, _stop.Token));
    }

    public Task<int> Completion => _run;

    /// <summary>What SIGTERM does: cancel the command token, then wait for the graceful stop.</summary>
    public async Task<int> StopAsync()
    {
        await _stop.CancelAsync();
        return await _run.WaitAsync(TimeSpan.FromMinutes(1));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_run.IsCompleted)
        {
            await StopAsync();
        }

        _host.Dispose();
        _stop.Dispose();
    }
}
