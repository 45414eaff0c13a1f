namespace Platform.Pipeline.Tests.Handlers;

/// <summary>Model handler tests: containers of their own on Azurite and the model handlers over them.</summary>
public abstract class ModelHandlerTestBase : IAsyncLifetime
{
    protected TestStorage Storage { get; private set; } = null!;

    protected ModelHandlers Handlers { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Storage = await TestStorage.CreateAsync();
        Handlers = new ModelHandlers(Storage.Containers);
    }

    public async Task DisposeAsync()
    {
        Handlers.Dispose();
        await Storage.DisposeAsync();
    }
}
