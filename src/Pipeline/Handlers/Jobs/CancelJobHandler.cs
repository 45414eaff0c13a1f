using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Platform.Pipeline.Orchestration;
using Platform.Pipeline.Storage;
using Platform.Shared.Jobs;
using Platform.Pipeline.Telemetry;

namespace Platform.Pipeline.Handlers.Jobs;

/// <summary>
/// <c>POST /api/jobs/{id}/cancel</c> (optional body <c>{"reason":"…"}</c>): writes the cancel marker the runner
/// polls, then raises <c>CancelRequested</c> on the orchestration. 202; 409 when the job already ended; 404 when unknown.
/// </summary>
public sealed partial class CancelJobHandler(
    HandlerContainers containers,
    JobStatusReader statusReader,
    ILogger<CancelJobHandler> logger)
{
    private const long MaxBodyBytes = 16 * 1024;
    private const string DefaultReason = "Cancelled by request.";

    public async Task<HandlerResult> CancelAsync(DurableTaskClient client, string jobId, Stream? body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        PipelineTelemetry.TagJob(jobId);
        if (JobIdFormat.Problem(jobId) is { } idProblem)
        {
            return Problems.Validation("id", idProblem);
        }

        if (await RequestBody.ReadAsync(body, MaxBodyBytes, cancellationToken).ConfigureAwait(false) is not { } bytes)
        {
            return Problems.TooLarge(MaxBodyBytes, "a cancel request holds at most a short reason, like {\"reason\":\"wrong data\"}.");
        }

        var (reason, problem) = ParseReason(bytes);
        if (reason is null)
        {
            return problem!;
        }

        var metadata = await client.GetInstanceAsync(jobId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
        if (metadata is null)
        {
            return Problems.NotFound("No such job.", $"There is no job with id '{jobId}'; nothing to cancel.");
        }

        if (metadata.IsCompleted)
        {
            return Problems.Conflict("The job has already ended.", $"Job '{jobId}' already ended ({metadata.RuntimeStatus}); there is nothing to cancel. Start a new job to train again.");
        }

        // The marker first: the runner watches it even while the orchestration is busy, and it survives a lost event.
        await CancelMarkers.WriteAsync(containers.Jobs, jobId, reason, DateTimeOffset.UtcNow, cancellationToken).ConfigureAwait(false);
        await client.RaiseEventAsync(jobId, PipelineEvents.CancelRequested, new CancelRequest(reason), cancellationToken).ConfigureAwait(false);
        LogCancelRequested(jobId, reason);

        var status = await statusReader.ReadAsync(client, jobId, cancellationToken).ConfigureAwait(false);
        return HandlerResult.Json(202, status, new Dictionary<string, string> { ["Location"] = Routes.Job(jobId) });
    }

    private static (string? Reason, HandlerResult? Problem) ParseReason(byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            return (DefaultReason, null);
        }

        try
        {
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, Problems.Validation("body", "The body must be empty or a JSON object like {\"reason\":\"wrong data\"}."));
            }

            JsonElement? reason = null;
            foreach (var property in root.EnumerateObject())
            {
                if (!string.Equals(property.Name, "reason", StringComparison.OrdinalIgnoreCase))
                {
                    return (null, Problems.Validation(property.Name, $"Unknown option '{property.Name}'. The only option is 'reason'."));
                }

                reason = property.Value;
            }

            if (reason is not { ValueKind: not JsonValueKind.Null } given)
            {
                return (DefaultReason, null);
            }

            return given.ValueKind == JsonValueKind.String && given.GetString() is { Length: > 0 and <= 500 } text
                ? (text, null)
                : (null, Problems.Validation("reason", "'reason' must be a string of 1 to 500 characters."));
        }
        catch (JsonException e)
        {
            return (null, Problems.Validation("body", $"The body is not valid JSON: {e.Message}"));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId}: cancellation requested ({Reason})")]
    private partial void LogCancelRequested(string jobId, string reason);
}
