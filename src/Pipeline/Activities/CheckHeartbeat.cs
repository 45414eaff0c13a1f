using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Platform.Pipeline.Storage;
using Platform.Shared.Jobs;

namespace Platform.Pipeline.Activities;

/// <summary>
/// Reads the runner's <c>jobs/{id}/status.json</c> (heartbeat and attempt) and <c>jobs/{id}/result.json</c> (the event
/// of a finished attempt). Storage is the source of truth: an external event lost around ContinueAsNew costs one check
/// interval, not a re-dispatch. A document that cannot be read counts as absent.
/// </summary>
public sealed class CheckHeartbeat(PipelineStorage storage, ILogger<CheckHeartbeat> logger) : TaskActivity<string, HeartbeatCheck>
{
    public override async Task<HeartbeatCheck> RunAsync(TaskActivityContext context, string input)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(input);
        var status = await ReadAsync<JobStatusDocument>(input, JobBlobs.Status(input));
        var result = await ReadAsync<ResultEvent>(input, JobBlobs.Result(input));
        return new HeartbeatCheck(status?.HeartbeatAt, status?.Attempt, result?.Event is { JobId: var id } finished && id == input ? finished : null);
    }

    private async Task<T?> ReadAsync<T>(string jobId, string blobName) where T : class
    {
        if (await storage.Jobs.GetBlobClient(blobName).DownloadTextOrNullAsync() is not { } found)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(found.Text, WireJson.Options);
        }
        catch (JsonException e)
        {
            logger.LogWarning("Job {JobId}: {Blob} is not readable, treating it as absent: {Reason}", jobId, blobName, e.Message);
            return null;
        }
    }

    /// <summary>The part of the runner's <c>result.json</c> the watchdog reads.</summary>
    private sealed record ResultEvent(TrainingFinished? Event);
}
