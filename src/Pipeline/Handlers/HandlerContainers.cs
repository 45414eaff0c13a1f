using Azure.Storage.Blobs;
using Platform.Shared.Jobs;

namespace Platform.Pipeline.Handlers;

/// <summary>The blob containers the handlers read and write; tests pass their own, hosts use <see cref="From"/>.</summary>
public sealed record HandlerContainers(BlobContainerClient Datasets, BlobContainerClient Jobs, BlobContainerClient Models, BlobContainerClient BaseModels)
{
    /// <summary>The platform's standard containers in <paramref name="service"/>.</summary>
    public static HandlerContainers From(BlobServiceClient service)
    {
        ArgumentNullException.ThrowIfNull(service);
        return new(
            service.GetBlobContainerClient(StorageNames.DatasetsContainer),
            service.GetBlobContainerClient(StorageNames.JobsContainer),
            service.GetBlobContainerClient(StorageNames.ModelsContainer),
            service.GetBlobContainerClient(StorageNames.BaseModelsContainer));
    }
}
