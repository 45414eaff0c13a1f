using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Platform.Pipeline.Handlers;
using Platform.Pipeline.Handlers.Uploads;

namespace Platform.Functions.Triggers;

/// <summary>
/// A CSV arrived in <c>datasets</c> (delivered by Event Grid, so it is immediate and not a polling scan).
/// The blob is taken by reference, never loaded into memory; the handler streams it to hash it.
/// </summary>
public sealed class DatasetUploadedFunction(DatasetUploadHandler handler)
{
    // No Connection: the extensions resolve a connection name N to AzureWebJobs{N} first, so the host's own storage
    // settings (AzureWebJobsStorage__*) are the ones read whatever the name; the platform's data lives in that account.
    [Function("DatasetUploaded")]
    public Task Run(
        [BlobTrigger("%" + TriggerSettings.DatasetsContainer + "%/{name}", Source = BlobTriggerSource.EventGrid)] BlobClient blob,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        return handler.HandleAsync(client, blob.Name, cancellationToken);
    }
}
