using DurableTask.AzureStorage;
using Platform.DevHost.Durable;
using Platform.TestSupport;

namespace Platform.EndToEnd;

/// <summary>
/// The sidecar stops its orchestration service whenever DevHost stops, started or not; the Azure Storage provider throws
/// when stopped before it started, which would end the process. The guard in between makes that order harmless.
/// </summary>
public sealed class StartStopGuardTests : IAsyncLifetime
{
    private AzureStorageOrchestrationService _service = null!;

    public async Task InitializeAsync()
    {
        await AzuriteRunner.EnsureStartedAsync();
        _service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = "guard" + Guid.NewGuid().ToString("N")[..10],
            StorageAccountClientProvider = new StorageAccountClientProvider("UseDevelopmentStorage=true"),
            PartitionCount = 1,
        });
        await _service.CreateIfNotExistsAsync();
    }

    public Task DisposeAsync() => _service.DeleteAsync();

    [Fact]
    public async Task StopBeforeStart_IsHarmlessAndCancelsTheStart()
    {
        // Not shown here: stopping the provider itself before it started. Its NullReferenceException also escapes into an
        // async void callback, which ends the test process some time later (it did, in about half of the runs).
        var guard = new StartStopGuard(_service);

        await guard.StopAsync();
        await guard.StartAsync();

        // The guard did not start the provider: starting it directly is still allowed.
        await _service.StartAsync();
        await _service.StopAsync();
    }

    [Fact]
    public async Task StartThenStop_StartsAndStopsTheProvider()
    {
        var guard = new StartStopGuard(_service);

        await guard.StartAsync();
        await Assert.ThrowsAsync<InvalidOperationException>(() => _service.StartAsync());
        await guard.StopAsync();
        await guard.StopAsync();
    }
}
