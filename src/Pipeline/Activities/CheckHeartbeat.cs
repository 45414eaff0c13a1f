using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Platform.Pipeline.Storage;
using Platform.Shared.Jobs;

namespace Platform.Pipeline.Activities;

/// <summary>Reads the runner's <c>jobs/{id}/status.json</c> and returns its heartbeat, or null when there is none yet (or it cannot be read).</summary>
public sealed class CheckHeartbeat(PipelineStorage storage, ILogger<CheckHeartbeat> logger) : TaskActivity<string, DateTimeOffset?>
{
    public override async Task<DateTimeOffset?> RunAsync(TaskActivityContext context, string input)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(input);
        var document = await storage.Jobs.GetBlobClient(JobBlobs.Status(input)).DownloadTextOrNullAsync();
        if (document is not { } found)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<JobStatusDocument>(found.Text, PipelineJson.Options)?.HeartbeatAt;
        }
        catch (JsonException e)
        {
            logger.LogWarning("Job {JobId}: status.json is not readable, treating it as no heartbeat: {Reason}", input, e.Message);
            return null;
        }
    }
}
