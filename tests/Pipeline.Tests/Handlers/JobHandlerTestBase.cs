namespace Platform.Pipeline.Tests.Handlers;

/// <summary>Job handler tests: containers of their own on Azurite, the shared in-process Durable host, the handlers over both.</summary>
public abstract class JobHandlerTestBase(DurableHostFixture durable) : IAsyncLifetime
{
    protected TestStorage Storage { get; private set; } = null!;

    protected JobHandlers Handlers { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Storage = await TestStorage.CreateAsync();
        Handlers = new JobHandlers(durable.Host.Client, Storage.Containers);
    }

    public async Task DisposeAsync() => await Storage.DisposeAsync();
}
