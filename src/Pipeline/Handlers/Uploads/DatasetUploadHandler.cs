using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Modeling.BaseModels;
using Platform.Pipeline.Handlers.Jobs;
using Platform.Pipeline.Orchestration;
using Platform.Pipeline.Storage;
using Platform.Pipeline.Telemetry;
using Platform.Shared.Datasets;
using Platform.Shared.Jobs;
using Platform.Shared.Training;

namespace Platform.Pipeline.Handlers.Uploads;

/// <summary>
/// A CSV landed in <c>datasets</c> (Event Grid blob trigger in Azure, the watcher locally): derive the
/// model name from the path (<c>{model}.csv</c> or <c>{model}/{any}.csv</c>), take options from a sibling
/// <c>{same-name}.options.json</c> or from the blob's metadata (<c>options</c> = JSON), and start the job
/// exactly as <c>POST /api/jobs</c> would — so the same bytes and options never train twice. Nobody waits on an
/// answer to an upload, so one refused before it could train (bad options, unknown base model, bad name) still becomes
/// a job: failed at once, its problem document in <c>jobs/{id}/problem.json</c>, found through <c>GET /api/jobs</c>.
/// </summary>
public sealed partial class DatasetUploadHandler(
    HandlerContainers containers, StartJobHandler start, IOptions<PipelineOptions> pipelineOptions, ILogger<DatasetUploadHandler> logger)
{
    private const string OptionsSuffix = ".options.json";
    private const string OptionsMetadataKey = "options";
    private const int MaxListedErrors = 5;

    public async Task<HandlerResult> HandleAsync(DurableTaskClient client, string blobName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(blobName);
        if (!blobName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            LogIgnored(blobName);
            return HandlerResult.Json(200, new { ignored = blobName, reason = "not a .csv file" });
        }

        var model = ModelFromPath(blobName);
        var (options, source) = await ReadOptionsAsync(blobName, cancellationToken).ConfigureAwait(false);
        JsonObject request;
        try
        {
            request = options is null ? [] : JsonNode.Parse(options) as JsonObject ?? throw new JsonException("the document is not a JSON object");
        }
        catch (JsonException e)
        {
            var problem = Problems.Validation("options", $"The options for '{blobName}' ({source}) are not a JSON object: {e.Message}");
            return await RejectAsync(client, blobName, model, options, problem, cancellationToken).ConfigureAwait(false);
        }

        request["model"] = model;
        request["dataset"] = blobName;
        using var body = new MemoryStream(Encoding.UTF8.GetBytes(request.ToJsonString()));
        var result = await start.StartAsync(client, body, cancellationToken).ConfigureAwait(false);
        LogUploaded(blobName, model, result.StatusCode);
        return result.StatusCode is >= 400 and < 500
            ? await RejectAsync(client, blobName, model, options, result, cancellationToken).ConfigureAwait(false)
            : result;
    }

    /// <summary><c>reviews.csv</c> → <c>reviews</c>; <c>reviews/2026-11.csv</c> → <c>reviews</c>; lower-cased.</summary>
    public static string ModelFromPath(string blobName)
    {
        ArgumentNullException.ThrowIfNull(blobName);
        var slash = blobName.IndexOf('/', StringComparison.Ordinal);
        var name = slash > 0 ? blobName[..slash] : Path.GetFileNameWithoutExtension(blobName);
        return name.ToLowerInvariant();
    }

    /// <summary>
    /// The model a refused upload is listed under: its own name when valid, else that name made valid (other characters
    /// become hyphens), else <c>upload</c>.
    /// </summary>
    public static string ListedModel(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (ModelNames.IsValid(model))
        {
            return model;
        }

        var cleaned = new string(model.ToLowerInvariant().Select(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) ? c : '-').ToArray());
        while (cleaned.Contains("--", StringComparison.Ordinal))
        {
            cleaned = cleaned.Replace("--", "-", StringComparison.Ordinal);
        }

        cleaned = cleaned.Trim('-');
        cleaned = cleaned.Length > 63 ? cleaned[..63].TrimEnd('-') : cleaned;
        return ModelNames.IsValid(cleaned) ? cleaned : "upload";
    }

    private async Task<HandlerResult> RejectAsync(
        DurableTaskClient client, string blobName, string model, string? options, HandlerResult problem, CancellationToken cancellationToken)
    {
        // Same bytes, same options text: same id, so a redelivered event finds the job it made.
        var sha256 = await BlobHashes.Sha256Async(containers.Datasets.GetBlobClient(blobName), cancellationToken).ConfigureAwait(false) ?? "missing";
        var listed = ListedModel(model);
        var jobId = JobIds.Compute(listed, sha256, $"rejected\n{options}");
        var headers = new Dictionary<string, string>(problem.Headers) { ["Location"] = Routes.Job(jobId) };
        var answer = problem with { Headers = headers };
        if (await client.GetInstanceAsync(jobId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false) is not null)
        {
            return answer;
        }

        await containers.Jobs.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await containers.Jobs.GetBlobClient(JobBlobs.Problem(jobId))
            .UploadAsync(BinaryData.FromString(problem.Body ?? "{}"), overwrite: true, cancellationToken).ConfigureAwait(false);
        var (title, detail) = Summarize(problem);
        var input = TrainingPipelineInput.Create(jobId, listed, blobName, BaseModelResolver.MiniLmL6, new TrainingOptions(), new DatasetOptions(), pipelineOptions.Value)
            with { Rejection = UploadRejection.Create(blobName, problem.StatusCode, title, detail) };
        // False when a redelivered event raced this one to create it; the job is recorded either way.
        await TrainingJobs.ScheduleOnceAsync(client, input, cancellationToken).ConfigureAwait(false);
        PipelineTelemetry.UploadsRejected.Add(1, new KeyValuePair<string, object?>("status", problem.StatusCode));
        LogRejected(jobId, blobName, problem.StatusCode, title, detail);
        return answer;
    }

    /// <summary>The problem's title, and its detail with the first few field errors (then how many more).</summary>
    private static (string? Title, string? Detail) Summarize(HandlerResult problem)
    {
        try
        {
            var body = problem.ParseBody();
            var title = body.TryGetProperty("title", out var t) ? t.GetString() : null;
            var detail = body.TryGetProperty("detail", out var d) ? d.GetString() : null;
            if (body.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
            {
                var lines = errors.EnumerateObject()
                    .SelectMany(field => field.Value.EnumerateArray().Select(message => $"{field.Name}: {message.GetString()}"))
                    .ToList();
                var listed = string.Join(" ", lines.Take(MaxListedErrors));
                detail = lines.Count > MaxListedErrors ? $"{listed} …and {lines.Count - MaxListedErrors} more." : listed;
            }

            return (title, detail);
        }
        catch (JsonException)
        {
            return (null, problem.Body);
        }
    }

    /// <summary>The options text and where it came from; null text when there are none.</summary>
    private async Task<(string? Text, string Source)> ReadOptionsAsync(string blobName, CancellationToken cancellationToken)
    {
        var siblingName = blobName[..^".csv".Length] + OptionsSuffix;
        try
        {
            var content = await containers.Datasets.GetBlobClient(siblingName).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return (content.Value.Content.ToString(), siblingName);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No sibling: fall back to metadata.
        }

        try
        {
            var properties = await containers.Datasets.GetBlobClient(blobName).GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return (properties.Value.Metadata.TryGetValue(OptionsMetadataKey, out var json) ? json : null, $"metadata '{OptionsMetadataKey}'");
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Deleted since the event: the start handler says so.
            return (null, "none");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Upload {BlobName} is not a CSV; ignored")]
    private partial void LogIgnored(string blobName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Upload {BlobName} for model {Model} answered {StatusCode}")]
    private partial void LogUploaded(string blobName, string model, int statusCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: upload {BlobName} refused ({StatusCode}) and recorded as a failed job: {Title} {Detail}")]
    private partial void LogRejected(string jobId, string blobName, int statusCode, string? title, string? detail);
}
