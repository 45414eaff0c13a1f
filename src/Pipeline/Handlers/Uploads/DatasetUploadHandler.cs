using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Modeling.BaseModels;
using Platform.Pipeline.Handlers.Jobs;
using Platform.Pipeline.Notifications;
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
    HandlerContainers containers,
    StartJobHandler start,
    IOptions<PipelineOptions> pipelineOptions,
    IOptions<NotificationOptions> notificationOptions,
    ILogger<DatasetUploadHandler> logger)
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

        var upload = await ReadUploadAsync(blobName, cancellationToken).ConfigureAwait(false);
        if (upload.Problem is not null)
        {
            return await RejectAsync(client, blobName, upload.Model, upload.Options, upload.Problem, cancellationToken).ConfigureAwait(false);
        }

        using var body = new MemoryStream(upload.Request);
        var result = await start.StartAsync(client, body, cancellationToken).ConfigureAwait(false);
        LogUploaded(blobName, upload.Model, result.StatusCode);
        return result.StatusCode is >= 400 and < 500
            ? await RejectAsync(client, blobName, upload.Model, upload.Options, result, cancellationToken).ConfigureAwait(false)
            : result;
    }

    /// <summary>
    /// The id of the job this upload starts (or has started), computed exactly as <see cref="HandleAsync"/> does, without
    /// starting it: for an upload that will be refused, the id of the failed job that records the refusal, with its
    /// problem. <paramref name="knownSha256"/> spares reading the blob again when the caller hashed it while storing it.
    /// </summary>
    public async Task<UploadJob> ExpectJobAsync(string blobName, string? knownSha256, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blobName);
        var upload = await ReadUploadAsync(blobName, cancellationToken).ConfigureAwait(false);
        var problem = upload.Problem;
        if (problem is null)
        {
            var (job, refusal) = await start.ResolveAsync(upload.Request, knownSha256, cancellationToken).ConfigureAwait(false);
            if (job is not null)
            {
                return new UploadJob(blobName, job.JobId, null);
            }

            problem = refusal!;
        }

        var sha256 = knownSha256 ?? await BlobHashes.Sha256Async(containers.Datasets.GetBlobClient(blobName), cancellationToken).ConfigureAwait(false);
        return new UploadJob(blobName, RejectedJobId(upload.Model, sha256, upload.Options), problem);
    }

    /// <summary>The start-job request an upload stands for: its model from the path, its options from the sibling or metadata.</summary>
    private async Task<(string Model, string? Options, byte[] Request, HandlerResult? Problem)> ReadUploadAsync(string blobName, CancellationToken cancellationToken)
    {
        var model = ModelFromPath(blobName);
        var (options, source) = await ReadOptionsAsync(blobName, cancellationToken).ConfigureAwait(false);
        JsonObject request;
        try
        {
            request = options is null ? [] : JsonNode.Parse(options) as JsonObject ?? throw new JsonException("the document is not a JSON object");
        }
        catch (JsonException e)
        {
            return (model, options, [], Problems.Validation("options", $"The options for '{blobName}' ({source}) are not a JSON object: {e.Message}"));
        }

        request["model"] = model;
        request["dataset"] = blobName;
        return (model, options, Encoding.UTF8.GetBytes(request.ToJsonString()), null);
    }

    /// <summary>Same bytes, same options text: same id, so a redelivered event finds the failed job it made.</summary>
    private static string RejectedJobId(string model, string? sha256, string? options) =>
        JobIds.Compute(ListedModel(model), sha256 ?? "missing", $"rejected\n{options}");

    /// <summary>Where an upload's options live: <c>reviews/2026-11.csv</c> → <c>reviews/2026-11.options.json</c>.</summary>
    public static string OptionsBlobName(string csvBlobName)
    {
        ArgumentNullException.ThrowIfNull(csvBlobName);
        return csvBlobName[..^".csv".Length] + OptionsSuffix;
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
        var sha256 = await BlobHashes.Sha256Async(containers.Datasets.GetBlobClient(blobName), cancellationToken).ConfigureAwait(false);
        var listed = ListedModel(model);
        var jobId = RejectedJobId(model, sha256, options);
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
            with
            {
                Rejection = UploadRejection.Create(blobName, problem.StatusCode, title, detail),
                // The options were refused, a webhook among them; the platform's topic still hears of the failed job.
                Notifications = NotificationPlan.For(null, notificationOptions.Value),
            };
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
        var siblingName = OptionsBlobName(blobName);
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
