using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Platform.Pipeline.Handlers.Uploads;

namespace Platform.Functions.Triggers;

/// <summary>
/// A CSV to score arrived in <c>scoring</c> as <c>{model}/{name}.csv</c> (delivered by Event Grid, like DatasetUploaded).
/// The blob is taken by reference; the handler streams it to hash it, and the scoring job reads it in chunks.
/// </summary>
public sealed class ScoringUploadedFunction(ScoringUploadHandler handler)
{
    // No Connection, as for DatasetUploaded: the host's own storage settings, the account the platform's data lives in.
    [Function("ScoringUploaded")]
    public Task Run(
        [BlobTrigger("%" + TriggerSettings.ScoringContainer + "%/{name}", Source = BlobTriggerSource.EventGrid)] BlobClient blob,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        return handler.HandleAsync(client, blob.Name, cancellationToken);
    }
}
