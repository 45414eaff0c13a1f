using Microsoft.DurableTask.Client;
using Platform.Pipeline.Telemetry;

namespace Platform.Pipeline.Handlers.Jobs;

/// <summary><c>GET /api/jobs/{id}</c>: phase, progress, ETA, metrics and errors of one job.</summary>
public sealed class JobStatusHandler(JobStatusReader statusReader)
{
    public async Task<HandlerResult> GetAsync(DurableTaskClient client, string jobId, CancellationToken cancellationToken)
    {
        PipelineTelemetry.TagJob(jobId);
        if (JobIdFormat.Problem(jobId) is { } problem)
        {
            return Problems.Validation("id", problem);
        }

        return await statusReader.ReadAsync(client, jobId, cancellationToken).ConfigureAwait(false) is { } status
            ? HandlerResult.Json(200, status)
            : Problems.NotFound("No such job.", $"There is no job with id '{jobId}'. Job ids are returned by POST {Routes.Jobs}.");
    }
}
