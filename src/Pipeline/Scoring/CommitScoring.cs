using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Platform.Pipeline.Storage;
using Platform.Shared.Jobs;

namespace Platform.Pipeline.Scoring;

/// <summary>
/// Ends a scoring job in storage: commits the chunks' staged blocks as the output blob, in chunk order (only for a job
/// that succeeded; a failed one leaves the output as it was), and writes the job's report <c>jobs/{id}/scoring.json</c>.
/// Idempotent: the same block list commits the same bytes.
/// </summary>
public sealed class CommitScoring(PipelineStorage storage, ILogger<CommitScoring> logger) : TaskActivity<CommitScoringInput, bool>
{
    public const string JobIdMetadataKey = "jobid";

    public override async Task<bool> RunAsync(TaskActivityContext context, CommitScoringInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Commit)
        {
            var blob = storage.ScoringResults.GetBlockBlobClient(input.Progress.OutputBlob);
            await blob.CommitBlockListAsync(ScoringBlocks.All(input.JobId, input.BlocksPerChunk), new CommitBlockListOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = "text/csv; charset=utf-8" },
                Metadata = new Dictionary<string, string> { [JobIdMetadataKey] = input.JobId },
            });
            logger.LogInformation("Job {JobId}: committed {Blocks} blocks as {OutputBlob}", input.JobId, input.BlocksPerChunk.Sum(), input.Progress.OutputBlob);
        }

        await storage.EnsureCreatedAsync();
        await storage.Jobs.GetBlobClient(JobBlobs.Scoring(input.JobId)).UploadJsonAsync(input.Progress);
        return input.Commit;
    }
}
