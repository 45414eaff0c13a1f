using System.Text.Json;
using Azure;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Pipeline.Handlers.Models;
using Platform.Pipeline.Orchestration;
using Platform.Pipeline.Scoring;
using Platform.Pipeline.Storage;
using Platform.Pipeline.Telemetry;
using Platform.Shared.Jobs;

namespace Platform.Pipeline.Handlers.Uploads;

/// <summary>
/// A CSV landed in <c>scoring</c> as <c>{model}/{name}.csv</c> (Event Grid blob trigger in Azure, the watcher locally):
/// start the scoring job that writes <c>scoring-results/{model}/{name}.predictions.csv</c>, with the <c>version</c> of a
/// sibling <c>{name}.options.json</c> or the model's current one. The job id comes from the bytes, the options and the
/// output's name, so the same upload never scores twice. An upload refused before it could be scored (no model folder, a
/// bad model name, bad options) still becomes a job: failed at once, its problem in <c>jobs/{id}/problem.json</c>.
/// </summary>
public sealed partial class ScoringUploadHandler(PipelineStorage storage, IOptions<PipelineOptions> options, ILogger<ScoringUploadHandler> logger)
{
    public const string OutputSuffix = ".predictions.csv";
    private const string VersionOption = "version";

    public async Task<HandlerResult> HandleAsync(DurableTaskClient client, string blobName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(blobName);
        if (!blobName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            LogIgnored(blobName);
            return HandlerResult.Json(200, new { ignored = blobName, reason = "not a .csv file" });
        }

        var sha256 = await BlobHashes.Sha256Async(storage.Scoring.GetBlobClient(blobName), cancellationToken).ConfigureAwait(false);
        if (sha256 is null)
        {
            LogIgnored(blobName);
            return Problems.NotFound("No such upload.", $"'{blobName}' no longer exists in container '{storage.Scoring.Name}'; nothing to score.");
        }

        var model = DatasetUploadHandler.ModelFromPath(blobName);
        var (optionsText, version, problem) = await ReadOptionsAsync(blobName, cancellationToken).ConfigureAwait(false);
        if (!blobName.Contains('/', StringComparison.Ordinal))
        {
            problem = Problems.Validation("name", $"Upload files to score as '{{model}}/{{name}}.csv' in container '{storage.Scoring.Name}' (the folder names the model); '{blobName}' has no model folder.");
        }
        else if (ModelNames.Problem(model) is { } modelProblem)
        {
            problem = Problems.Validation("model", modelProblem);
        }

        var output = OutputBlobName(blobName);
        var jobId = problem is null
            ? JobIds.Compute(model, sha256, $"scoring\n{output}\n{version}")
            : JobIds.Compute(DatasetUploadHandler.ListedModel(model), sha256, $"scoring-rejected\n{optionsText}");
        var input = new ScoringInput(jobId, problem is null ? model : DatasetUploadHandler.ListedModel(model), storage.Scoring.Name, blobName,
            storage.ScoringResults.Name, output, version, options.Value.Scoring.MaxParallelChunks);
        if (problem is not null)
        {
            if (await client.GetInstanceAsync(jobId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false) is null)
            {
                await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
                await storage.Jobs.GetBlobClient(JobBlobs.Problem(jobId))
                    .UploadAsync(BinaryData.FromString(problem.Body ?? "{}"), overwrite: true, cancellationToken).ConfigureAwait(false);
                var detail = string.Join(" ", problem.ParseBody().GetProperty("errors").EnumerateObject()
                    .SelectMany(field => field.Value.EnumerateArray().Select(message => $"{field.Name}: {message.GetString()}")));
                input = input with { Rejection = UploadRejection.Create(blobName, problem.StatusCode, "The file to score was refused.", detail) };
                await TrainingJobs.ScheduleOnceAsync(client, input, cancellationToken).ConfigureAwait(false);
                PipelineTelemetry.UploadsRejected.Add(1, new KeyValuePair<string, object?>("status", problem.StatusCode));
                LogRejected(jobId, blobName, detail);
            }

            return problem with { Headers = new Dictionary<string, string>(problem.Headers) { ["Location"] = Routes.Job(jobId) } };
        }

        if (await TrainingJobs.ScheduleOnceAsync(client, input, cancellationToken).ConfigureAwait(false))
        {
            PipelineTelemetry.JobsStarted.Add(1, new KeyValuePair<string, object?>("kind", "scoring"));
        }

        LogStarted(jobId, blobName, model, output);
        return HandlerResult.Json(202, new { id = jobId, output = $"{storage.ScoringResults.Name}/{output}" },
            new Dictionary<string, string> { ["Location"] = Routes.Job(jobId) });
    }

    /// <summary><c>reviews/2026-11.csv</c> → <c>reviews/2026-11.predictions.csv</c>.</summary>
    public static string OutputBlobName(string csvBlobName)
    {
        ArgumentNullException.ThrowIfNull(csvBlobName);
        return csvBlobName[..^".csv".Length] + OutputSuffix;
    }

    /// <summary>The sibling's text and its <c>version</c>; a problem naming the field when the options are not usable.</summary>
    private async Task<(string? Text, string? Version, HandlerResult? Problem)> ReadOptionsAsync(string blobName, CancellationToken cancellationToken)
    {
        var siblingName = DatasetUploadHandler.OptionsBlobName(blobName);
        string text;
        try
        {
            text = (await storage.Scoring.GetBlobClient(siblingName).DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value.Content.ToString();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return (null, null, null);
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(text);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            return (text, null, Problems.Validation("options", $"{siblingName} is not valid JSON: {e.Message}"));
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return (text, null, Problems.Validation("options", $"{siblingName} must be a JSON object such as {{\"version\":\"0123456789ab\"}}."));
        }

        var errors = new ValidationErrors();
        string? version = null;
        foreach (var property in root.EnumerateObject())
        {
            if (!property.Name.Equals(VersionOption, StringComparison.OrdinalIgnoreCase))
            {
                errors.Add(property.Name, $"Unknown option '{property.Name}' in {siblingName}: a file to score takes only '{VersionOption}' (the model version to score with).");
            }
            else if (property.Value.ValueKind != JsonValueKind.String || ModelVersionNames.Problem(property.Value.GetString()!) is not null)
            {
                errors.Add(VersionOption, $"'{VersionOption}' in {siblingName} must be a version name as GET /api/models/{{model}} lists them (a string).");
            }
            else
            {
                version = property.Value.GetString();
            }
        }

        return errors.Any ? (text, null, errors.ToProblem()) : (text, version, null);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scoring upload {BlobName} is not a CSV or no longer exists; ignored")]
    private partial void LogIgnored(string blobName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId}: scoring {BlobName} with model {Model} into {OutputBlob}")]
    private partial void LogStarted(string jobId, string blobName, string model, string outputBlob);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: scoring upload {BlobName} refused and recorded as a failed job: {Detail}")]
    private partial void LogRejected(string jobId, string blobName, string detail);
}
