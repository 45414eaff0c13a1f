using Microsoft.DurableTask.Testing;

namespace Platform.Pipeline.Tests.Handlers;

/// <summary>One in-process Durable Task backend with the stand-in orchestrator, shared by the job handler tests.</summary>
public sealed class DurableHostFixture : IAsyncLifetime
{
    private DurableTaskTestHost? _host;

    public DurableTaskTestHost Host => _host ?? throw new InvalidOperationException("The Durable Task test host has not started.");

    public async Task InitializeAsync()
    {
        QuietHosts.Apply();
        _host = await DurableTestHosts.StartAsync(StandInOrchestration.Register);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
