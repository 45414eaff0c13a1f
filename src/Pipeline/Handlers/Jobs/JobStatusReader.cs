using System.Text.Json;
using Azure.Storage.Blobs;
using Azure;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Platform.Pipeline.Orchestration;
using Platform.Pipeline.Scoring;
using Platform.Pipeline.Storage;
using Platform.Pipeline.Sweeps;
using Platform.Shared.Jobs;

namespace Platform.Pipeline.Handlers.Jobs;

/// <summary>Builds a <see cref="JobStatusView"/> from the orchestration's metadata and the job's blobs.</summary>
public sealed partial class JobStatusReader(HandlerContainers containers, ILogger<JobStatusReader> logger)
{
    /// <summary>The job's merged status, or null when no orchestration has that id.</summary>
    public async Task<JobStatusView?> ReadAsync(DurableTaskClient client, string jobId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var metadata = await client.GetInstanceAsync(jobId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        return metadata is null ? null : await MergeAsync(metadata, includeReport: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The merged status of an orchestration already fetched with its inputs and outputs (the job list does so in pages);
    /// the validation report is read only for a failed job (the list shows its error).
    /// </summary>
    internal Task<JobStatusView> ReadAsync(OrchestrationMetadata metadata, CancellationToken cancellationToken) => MergeAsync(metadata, includeReport: false, cancellationToken);

    /// <summary>When the job started: its first execution, which the custom status carries past ContinueAsNew.</summary>
    internal static DateTimeOffset StartedAt(OrchestrationMetadata metadata) =>
        StartedAt(Parse(metadata.SerializedCustomStatus)) ?? metadata.CreatedAt;

    private async Task<JobStatusView> MergeAsync(OrchestrationMetadata metadata, bool includeReport, CancellationToken cancellationToken)
    {
        var jobId = metadata.InstanceId;
        var customStatus = Parse(metadata.SerializedCustomStatus);
        var failure = metadata.FailureDetails is { } details ? new JobFailureView(details.ErrorType, details.ErrorMessage) : null;
        if (JobKinds.Of(metadata.Name) == JobKinds.Scoring)
        {
            // A scoring job has no runner and no validation report: its progress and row errors are its custom status.
            var scoringPhase = Phase(customStatus);
            var problemDocument = metadata.RuntimeStatus == OrchestrationRuntimeStatus.Failed || scoringPhase == PipelinePhases.Failed
                ? await ReadJsonAsync(JobBlobs.Problem(jobId), cancellationToken).ConfigureAwait(false)
                : null;
            return new JobStatusView(jobId, metadata.RuntimeStatus, scoringPhase, metadata.IsCompleted, StartedAt(customStatus) ?? metadata.CreatedAt,
                metadata.LastUpdatedAt, null, JobOutput.Read(metadata.SerializedOutput), failure, null, problemDocument, JobLinks.For(jobId))
            {
                Kind = JobKinds.Scoring,
                Scoring = Scoring(jobId, customStatus),
            };
        }

        var progress = await ReadJsonAsync(JobBlobs.Status(jobId), cancellationToken).ConfigureAwait(false) is { } status
            ? Progress(jobId, status)
            : null;
        var phase = JobPhase.Merge(Phase(customStatus), Attempt(customStatus), progress);
        var failed = metadata.RuntimeStatus == OrchestrationRuntimeStatus.Failed || phase == PipelinePhases.Failed;
        // Every job's view shows its report (rows kept and dropped with reasons and lines, labels, warnings, truncation).
        var report = failed || includeReport ? await ReadJsonAsync(JobBlobs.Report(jobId), cancellationToken).ConfigureAwait(false) : null;
        var problem = failed ? await ReadJsonAsync(JobBlobs.Problem(jobId), cancellationToken).ConfigureAwait(false) : null;
        return new JobStatusView(
            jobId,
            metadata.RuntimeStatus,
            phase,
            metadata.IsCompleted,
            StartedAt(customStatus) ?? metadata.CreatedAt,
            metadata.LastUpdatedAt,
            progress,
            JobOutput.Read(metadata.SerializedOutput),
            failure,
            report,
            problem,
            JobLinks.For(jobId))
        {
            Sweep = includeReport ? await ReadSweepAsync(jobId, cancellationToken).ConfigureAwait(false) : null,
            Notifications = includeReport ? await ReadJsonAsync(PipelineBlobs.Notifications(jobId), cancellationToken).ConfigureAwait(false) : null,
        };
    }

    /// <summary>A scoring job's progress, from the <see cref="ScoringStatus"/> its orchestrator keeps current.</summary>
    private ScoringProgress? Scoring(string jobId, JsonElement? customStatus) =>
        customStatus is { ValueKind: JsonValueKind.Object } value && Property(value, "scoring") is { ValueKind: JsonValueKind.Object } scoring
            ? Deserialize<ScoringProgress>(jobId, scoring)
            : null;

    /// <summary>The sweep's <c>sweep.json</c>, each running trial with its runner's best validation macro-F1 and step so far; null for other jobs.</summary>
    private async Task<SweepRecord?> ReadSweepAsync(string jobId, CancellationToken cancellationToken)
    {
        if (await ReadJsonAsync(PipelineBlobs.Sweep(jobId), cancellationToken).ConfigureAwait(false) is not { } json
            || Deserialize<SweepRecord>(jobId, json) is not { } sweep)
        {
            return null;
        }

        var trials = new List<TrialRecord>();
        foreach (var trial in sweep.Trials ?? [])
        {
            var live = trial.Outcome == TrialOutcomes.Running && await ReadJsonAsync(JobBlobs.Status(trial.JobId), cancellationToken).ConfigureAwait(false) is { } status
                ? Deserialize<JobStatusDocument>(trial.JobId, status)
                : null;
            trials.Add(live is null ? trial : trial with { BestValidationMacroF1 = live.BestValidationMacroF1, Steps = live.Step });
        }

        return sweep with { Trials = trials };
    }

    /// <summary>The custom status is <see cref="PipelineStatus"/> (an object with a <c>phase</c>); a bare JSON string is accepted as the phase too.</summary>
    private static string? Phase(JsonElement? customStatus) => customStatus switch
    {
        { ValueKind: JsonValueKind.String } text => text.GetString(),
        // Durable's default data converter writes PipelineStatus as {"Phase":…}; hosts with a camelCase serializer write "phase".
        { ValueKind: JsonValueKind.Object } value when Property(value, "phase") is { ValueKind: JsonValueKind.String } p => p.GetString(),
        null => null,
        var other => other.Value.GetRawText(),
    };

    /// <summary>When the job started, from <see cref="PipelineStatus"/>; null for a status that does not carry it.</summary>
    private static DateTimeOffset? StartedAt(JsonElement? customStatus) =>
        customStatus is { ValueKind: JsonValueKind.Object } value && Property(value, "startedAt") is { ValueKind: JsonValueKind.String } s && s.TryGetDateTimeOffset(out var at)
            ? at
            : null;

    /// <summary>The dispatch attempt in <see cref="PipelineStatus"/>; 0 when the status does not carry one.</summary>
    private static int Attempt(JsonElement? customStatus) =>
        customStatus is { ValueKind: JsonValueKind.Object } value && Property(value, "attempt") is { ValueKind: JsonValueKind.Number } a && a.TryGetInt32(out var attempt)
            ? attempt
            : 0;

    private static JsonElement? Property(JsonElement status, string name) => status.EnumerateObject()
        .Where(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
        .Select(p => (JsonElement?)p.Value)
        .FirstOrDefault();

    private static JsonElement? Parse(string? serialized)
    {
        if (string.IsNullOrWhiteSpace(serialized))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(serialized);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(serialized);
        }
    }

    private JobStatusDocument? Progress(string jobId, JsonElement status) => Deserialize<JobStatusDocument>(jobId, status);

    private T? Deserialize<T>(string jobId, JsonElement document) where T : class
    {
        try
        {
            return document.Deserialize<T>(HandlerJson.Options);
        }
        catch (JsonException e)
        {
            LogUnreadable(jobId, typeof(T).Name, e.Message);
            return null;
        }
    }

    private async Task<JsonElement?> ReadJsonAsync(string blobName, CancellationToken cancellationToken)
    {
        var blob = containers.Jobs.GetBlobClient(blobName);
        try
        {
            var content = await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            using var document = JsonDocument.Parse(content.Value.Content.ToMemory());
            return document.RootElement.Clone();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
        catch (JsonException e)
        {
            LogUnreadableBlob(blobName, e.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: a blob does not match the {Document} shape: {Error}")]
    private partial void LogUnreadable(string jobId, string document, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Blob {BlobName} in the jobs container is not valid JSON: {Error}")]
    private partial void LogUnreadableBlob(string blobName, string error);
}
