using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Platform.Pipeline.Handlers;

namespace Platform.Functions.Triggers;

/// <summary>
/// A CSV arrived in <c>datasets</c> (delivered by Event Grid, so it is immediate and not a polling scan).
/// The blob is taken by reference, never loaded into memory; the handler streams it to hash it.
/// </summary>
public sealed class DatasetUploadedFunction(DatasetUploadHandler handler)
{
    [Function("DatasetUploaded")]
    public Task Run(
        [BlobTrigger("datasets/{name}", Source = BlobTriggerSource.EventGrid, Connection = "Storage")] BlobClient blob,
        string name,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        return handler.HandleAsync(name, cancellationToken);
    }
}
