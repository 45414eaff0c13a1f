using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;
using Platform.Shared.Configuration;

namespace Platform.Pipeline.Storage;

/// <summary>The containers and the event queue the pipeline uses, created on first use.</summary>
public sealed class PipelineStorage(BlobServiceClient blobs, QueueServiceClient queues, IOptions<StorageSettings> options)
{
    private readonly StorageSettings _options = options.Value;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _created;

    public BlobContainerClient Datasets => blobs.GetBlobContainerClient(_options.DatasetsContainer);

    public BlobContainerClient Jobs => blobs.GetBlobContainerClient(_options.JobsContainer);

    public BlobContainerClient Models => blobs.GetBlobContainerClient(_options.ModelsContainer);

    public BlobContainerClient BaseModels => blobs.GetBlobContainerClient(_options.BaseModelsContainer);

    /// <summary>Batch scoring inputs; belong to the uploader like datasets.</summary>
    public BlobContainerClient Scoring => blobs.GetBlobContainerClient(_options.ScoringContainer);

    public BlobContainerClient ScoringResults => blobs.GetBlobContainerClient(_options.ScoringResultsContainer);

    public QueueClient TrainingEvents => queues.GetQueueClient(_options.EventsQueue);

    /// <summary>Creates the jobs and models containers and the event queue if missing (datasets belong to the uploader).</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        if (_created)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_created)
            {
                await Jobs.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
                await Models.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
                await TrainingEvents.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
                _created = true;
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
