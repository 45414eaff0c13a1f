using Azure.Storage.Blobs;
using Platform.Pipeline.Handlers;

namespace Platform.Pipeline.Tests.Handlers;

/// <summary>Containers of their own on Azurite (<c>UseDevelopmentStorage=true</c>), so parallel tests and other runs never collide.</summary>
public sealed class TestStorage : IAsyncDisposable
{
    private const string ConnectionString = "UseDevelopmentStorage=true";

    private TestStorage(HandlerContainers containers) => Containers = containers;

    public HandlerContainers Containers { get; }

    public static async Task<TestStorage> CreateAsync()
    {
        var service = new BlobServiceClient(ConnectionString);
        var prefix = "t" + Guid.NewGuid().ToString("N")[..10];
        var containers = new HandlerContainers(
            service.GetBlobContainerClient($"{prefix}-datasets"),
            service.GetBlobContainerClient($"{prefix}-jobs"),
            service.GetBlobContainerClient($"{prefix}-models"),
            service.GetBlobContainerClient($"{prefix}-base-models"));
        try
        {
            await containers.Datasets.CreateIfNotExistsAsync();
            await containers.Jobs.CreateIfNotExistsAsync();
        }
        catch (Exception e) when (e is Azure.RequestFailedException or AggregateException or HttpRequestException)
        {
            throw new InvalidOperationException("Azurite is not reachable on 127.0.0.1:10000; start it with scripts/azurite.sh start.", e);
        }

        return new TestStorage(containers);
    }

    public static string UniqueModelName(string stem) => $"{stem}-{Guid.NewGuid().ToString("N")[..8]}";

    public async ValueTask DisposeAsync()
    {
        await Containers.Datasets.DeleteIfExistsAsync();
        await Containers.Jobs.DeleteIfExistsAsync();
        await Containers.Models.DeleteIfExistsAsync();
        await Containers.BaseModels.DeleteIfExistsAsync();
    }
}
