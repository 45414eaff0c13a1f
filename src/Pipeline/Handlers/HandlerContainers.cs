using Azure.Storage.Blobs;
using Platform.Pipeline.Storage;

namespace Platform.Pipeline.Handlers;

/// <summary>The blob containers the handlers read and write: the orchestration's own (<see cref="From"/>), or a test's.</summary>
public sealed record HandlerContainers(BlobContainerClient Datasets, BlobContainerClient Jobs, BlobContainerClient Models, BlobContainerClient BaseModels)
{
    /// <summary>The containers the pipeline writes, as configured (renamed ones included).</summary>
    public static HandlerContainers From(PipelineStorage storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        return new(storage.Datasets, storage.Jobs, storage.Models, storage.BaseModels);
    }
}
