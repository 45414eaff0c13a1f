using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Storage.Blobs.Models;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Pipeline.Handlers.Jobs;
using Platform.Pipeline.Storage;
using Platform.Shared.Jobs;
using Platform.Shared.Text;

namespace Platform.Pipeline.Handlers.Uploads;

/// <summary>
/// Uploads without an SDK. The job still starts only from the blob event, as for any upload; these routes store the CSV
/// (never overwriting one) and answer with the id that event's job has, computed by the trigger's own code.
/// <list type="bullet">
/// <item><c>POST /api/uploads</c> <c>{"model", "fileName", "options"}</c>: checks the options with the same rules and
/// messages as an <c>.options.json</c>, picks a new blob name, writes the options next to it, and says where to
/// <c>PUT</c> the bytes: the streaming route below, or (mode Direct, Azure) Blob Storage itself with a SAS for that blob.</item>
/// <item><c>PUT /api/datasets/{name}</c>: streams the body into <c>datasets/{name}</c> in blocks, hashing it on the way,
/// options from header <c>X-Job-Options</c> or from a prepared sibling; 202 with the job id.</item>
/// <item><c>GET /api/uploads/{name}</c>: the job id of an upload already in <c>datasets</c> (after a direct upload).</item>
/// </list>
/// </summary>
public sealed partial class UploadHandler(
    HandlerContainers containers,
    StartJobHandler start,
    DatasetUploadHandler uploads,
    UploadSasIssuer sas,
    IOptions<HandlerOptions> options,
    TimeProvider time,
    ILogger<UploadHandler> logger)
{
    public const string OptionsHeader = "X-Job-Options";
    private const long MaxPrepareBodyBytes = 64 * 1024;
    private const int MaxStemLength = 80;
    private static readonly string[] PrepareFields = ["model", "fileName", "options"];
    private static readonly string[] SetByUpload = ["model", "dataset", "force"];

    /// <summary>Any SHA-256: options are checked before there are bytes, and the id computed then is thrown away.</summary>
    private static readonly string NoContentYet = new('0', 64);

    /// <summary><c>POST /api/uploads</c>.</summary>
    public async Task<HandlerResult> PrepareAsync(string? contentType, Stream? body, CancellationToken cancellationToken)
    {
        if (!Problems.IsJson(contentType))
        {
            return Problems.UnsupportedMediaType(contentType);
        }

        if (await RequestBody.ReadAsync(body, MaxPrepareBodyBytes, cancellationToken).ConfigureAwait(false) is not { } bytes)
        {
            return Problems.TooLarge(MaxPrepareBodyBytes, "an upload request holds the model name, the file's name and the job options; the CSV's bytes go to the URL it answers with.");
        }

        JsonObject request;
        try
        {
            request = (bytes.Length == 0 ? null : JsonNode.Parse(bytes) as JsonObject)
                ?? throw new JsonException("send a JSON object such as {\"model\":\"reviews\",\"fileName\":\"reviews.csv\"}");
        }
        catch (JsonException e)
        {
            return Problems.Validation("body", $"The body is not a JSON object: {Bounded.Message(e.Message)}");
        }

        var errors = new ValidationErrors();
        foreach (var (name, _) in request.Where(p => !PrepareFields.Contains(p.Key, StringComparer.Ordinal)))
        {
            errors.Add(name, $"Unknown field '{name}'. Known fields: {string.Join(", ", PrepareFields)}.");
        }

        var model = request["model"] is JsonValue m && m.TryGetValue<string>(out var text) ? text : null;
        if (model is null)
        {
            errors.Add("model", "'model' is required: the name the model is published under, e.g. \"reviews\".");
        }
        else if (ModelNames.Problem(model) is { } modelProblem)
        {
            errors.Add("model", modelProblem);
        }

        string? fileName = null;
        if (request["fileName"] is { } f)
        {
            fileName = f is JsonValue fv && fv.TryGetValue<string>(out var ft) ? ft : null;
            if (fileName is null || !fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
            {
                errors.Add("fileName", "'fileName' must be the name of a .csv file, e.g. \"reviews.csv\".");
            }
        }

        if (request["options"] is { } o && o is not JsonObject)
        {
            errors.Add("options", "'options' must be a JSON object, as in an .options.json file.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var blobName = NewBlobName(model!, fileName ?? $"{model}.csv");
        var (optionsText, optionsProblem) = await CheckOptionsAsync(blobName, request["options"] as JsonObject, cancellationToken).ConfigureAwait(false);
        if (optionsProblem is not null)
        {
            return optionsProblem;
        }

        if (optionsText is not null && await WriteOptionsAsync(blobName, optionsText, cancellationToken).ConfigureAwait(false) is { } conflict)
        {
            return conflict;
        }

        var mode = options.Value.Uploads.Mode;
        object upload;
        if (mode == UploadMode.Direct)
        {
            var (url, expiresOn) = await sas.IssueAsync(blobName, cancellationToken).ConfigureAwait(false);
            upload = new
            {
                method = "PUT",
                url = url.ToString(),
                headers = new Dictionary<string, string> { ["x-ms-blob-type"] = "BlockBlob", ["Content-Type"] = "text/csv" },
                expiresOn,
            };
        }
        else
        {
            upload = new
            {
                method = "PUT",
                url = Routes.Dataset(blobName),
                headers = new Dictionary<string, string> { ["Content-Type"] = "text/csv" },
                maxBytes = options.Value.Uploads.MaxUploadBytes,
            };
        }

        LogPrepared(blobName, mode);
        return HandlerResult.Json(201, new
        {
            dataset = blobName,
            mode = mode.ToString().ToLowerInvariant(),
            upload,
            links = new { status = Routes.Upload(blobName) },
        }, new Dictionary<string, string> { ["Location"] = Routes.Upload(blobName) });
    }

    /// <summary><c>PUT /api/datasets/{name}</c>.</summary>
    public async Task<HandlerResult> StreamAsync(string name, string? optionsHeader, Stream? body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (NameProblem(name) is { } nameProblem)
        {
            return nameProblem;
        }

        var blob = containers.Datasets.GetBlobClient(name);
        await containers.Datasets.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        if (await blob.ExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            return AlreadyThere(name);
        }

        string? optionsText = null;
        if (!string.IsNullOrWhiteSpace(optionsHeader))
        {
            JsonObject? headerOptions;
            try
            {
                headerOptions = JsonNode.Parse(optionsHeader) as JsonObject ?? throw new JsonException("the value is not a JSON object");
            }
            catch (JsonException e)
            {
                return Problems.Validation("options", $"Header {OptionsHeader} must hold the job options as a JSON object, as in an .options.json file: {Bounded.Message(e.Message)}");
            }

            (optionsText, var optionsProblem) = await CheckOptionsAsync(name, headerOptions, cancellationToken).ConfigureAwait(false);
            if (optionsProblem is not null)
            {
                return optionsProblem;
            }
        }

        var limit = options.Value.Uploads.MaxUploadBytes;
        var counted = new UploadBodyStream(body ?? Stream.Null, limit);
        await using (counted.ConfigureAwait(false))
        {
            if (!await counted.HasDataAsync(cancellationToken).ConfigureAwait(false))
            {
                return Problems.Validation("body", "The body is empty: send the CSV file's bytes, e.g. curl -T reviews.csv.");
            }

            // Written before the CSV, so the blob event finds them; removed again when the CSV is refused, so a retry can write them.
            if (optionsText is not null && await WriteOptionsAsync(name, optionsText, cancellationToken).ConfigureAwait(false) is { } conflict)
            {
                return conflict;
            }

            try
            {
                await blob.UploadAsync(counted, new BlobUploadOptions
                {
                    // Never over an upload already there, even one that landed since the check above.
                    Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                    HttpHeaders = new BlobHttpHeaders { ContentType = "text/csv" },
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (TooLarge(e))
            {
                await DeleteWrittenOptionsAsync(name, optionsText, cancellationToken).ConfigureAwait(false);
                return Problems.TooLarge(limit, "upload larger files straight to container 'datasets' (az storage blob upload, azcopy or the Azure portal), or raise Handlers:Uploads:MaxUploadBytes.");
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                await DeleteWrittenOptionsAsync(name, optionsText, cancellationToken).ConfigureAwait(false);
                return AlreadyThere(name);
            }

            var sha256 = counted.Sha256();
            var job = await uploads.ExpectJobAsync(name, sha256, cancellationToken).ConfigureAwait(false);
            LogStreamed(name, counted.BytesRead, job.JobId);
            return HandlerResult.Json(202, new
            {
                id = job.JobId,
                dataset = name,
                bytes = counted.BytesRead,
                sha256,
                refusal = Refusal(job),
                links = new { self = Routes.Job(job.JobId), cancel = Routes.CancelJob(job.JobId), upload = Routes.Upload(name) },
            }, new Dictionary<string, string> { ["Location"] = Routes.Job(job.JobId) });
        }
    }

    /// <summary><c>GET /api/uploads/{name}</c>.</summary>
    public async Task<HandlerResult> StatusAsync(DurableTaskClient client, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(name);
        if (DatasetBlobNames.Problem(name) is { } problem)
        {
            return Problems.Validation("name", problem);
        }

        if (!await containers.Datasets.GetBlobClient(name).ExistsOrFalseAsync(cancellationToken).ConfigureAwait(false))
        {
            return Problems.NotFound("No such upload.", $"There is no blob '{name}' in container '{containers.Datasets.Name}' (yet). Upload it first; a direct upload is there once its PUT answers 201.");
        }

        var job = await uploads.ExpectJobAsync(name, knownSha256: null, cancellationToken).ConfigureAwait(false);
        var started = await client.GetInstanceAsync(job.JobId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false) is not null;
        return HandlerResult.Json(200, new
        {
            id = job.JobId,
            dataset = name,
            started,
            refusal = Refusal(job),
            links = new { self = Routes.Job(job.JobId), cancel = Routes.CancelJob(job.JobId), upload = Routes.Upload(name) },
        });
    }

    /// <summary>
    /// <c>{model}/{stem}-{yyyyMMdd-HHmmss}-{6 hex}.csv</c>: a name nobody has used, so an upload never replaces another;
    /// the stem keeps letters, digits, '.', '_' and '-' of the file's name.
    /// </summary>
    public string NewBlobName(string model, string fileName)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(fileName);
        var stem = Path.GetFileNameWithoutExtension(fileName.Replace('\\', '/').Split('/')[^1]);
        var cleaned = new StringBuilder(stem.Length);
        foreach (var c in stem)
        {
            cleaned.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-');
        }

        var safe = cleaned.ToString().Trim('-', '.');
        safe = safe.Length == 0 ? "upload" : safe[..Math.Min(safe.Length, MaxStemLength)];
        var stamp = time.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        return $"{model}/{safe}-{stamp}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}.csv";
    }

    /// <summary>
    /// The options as the upload's <c>.options.json</c> will hold them (null when there are none), checked as the
    /// trigger will check them: a problem now, naming the field, instead of a failed job later.
    /// </summary>
    private async Task<(string? Text, HandlerResult? Problem)> CheckOptionsAsync(string blobName, JsonObject? jobOptions, CancellationToken cancellationToken)
    {
        if (jobOptions is null || jobOptions.Count == 0)
        {
            return (null, null);
        }

        var errors = new ValidationErrors();
        foreach (var key in jobOptions.Select(p => p.Key).Where(k => SetByUpload.Contains(k, StringComparer.OrdinalIgnoreCase)))
        {
            errors.Add($"options.{key}", $"'{key}' is set by the upload itself (the model by its path, the dataset by its blob); an upload is a new job when its bytes or options differ. To retrain the same data, POST /api/jobs with \"force\": true.");
        }

        if (errors.Any)
        {
            return (null, errors.ToProblem());
        }

        var text = jobOptions.ToJsonString();
        var request = JsonNode.Parse(text)!.AsObject();
        request["model"] = DatasetUploadHandler.ModelFromPath(blobName);
        request["dataset"] = blobName;
        var (_, problem) = await start.ResolveAsync(Encoding.UTF8.GetBytes(request.ToJsonString()), NoContentYet, cancellationToken).ConfigureAwait(false);
        return problem is null ? (text, null) : (null, problem);
    }

    private async Task<HandlerResult?> WriteOptionsAsync(string blobName, string optionsText, CancellationToken cancellationToken)
    {
        await containers.Datasets.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var sibling = DatasetUploadHandler.OptionsBlobName(blobName);
        try
        {
            await containers.Datasets.GetBlobClient(sibling).UploadAsync(BinaryData.FromString(optionsText), new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
            }, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return Problems.Conflict("The upload's options are already there.",
                $"'{sibling}' already exists in container '{containers.Datasets.Name}' and is never replaced. Upload under another name, or leave header {OptionsHeader} out to use the options there.");
        }
    }

    private async Task DeleteWrittenOptionsAsync(string blobName, string? optionsText, CancellationToken cancellationToken)
    {
        if (optionsText is not null)
        {
            await containers.Datasets.GetBlobClient(DatasetUploadHandler.OptionsBlobName(blobName)).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    private HandlerResult? NameProblem(string name)
    {
        if (DatasetBlobNames.Problem(name) is { } problem)
        {
            return Problems.Validation("name", problem);
        }

        if (!name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            return Problems.Validation("name", $"'{name}' must end in .csv: only .csv uploads start a job.");
        }

        return ModelNames.Problem(DatasetUploadHandler.ModelFromPath(name)) is { } modelProblem
            ? Problems.Validation("name", $"The model name taken from '{name}' (its first segment, or the file name) is not valid: {modelProblem}")
            : null;
    }

    private HandlerResult AlreadyThere(string name) =>
        Problems.Conflict("An upload with this name already exists.",
            $"'{name}' is already in container '{containers.Datasets.Name}'; uploads are never replaced. Upload under another name (POST {Routes.Uploads} picks a new one).");

    private static JsonElement? Refusal(UploadJob job) => job.Refusal?.ParseBody();

    private static bool TooLarge(Exception e)
    {
        for (var current = e; current is not null; current = current.InnerException)
        {
            if (current is UploadTooLargeException)
            {
                return true;
            }
        }

        return e is AggregateException aggregate && aggregate.Flatten().InnerExceptions.Any(TooLarge);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Upload {BlobName} prepared ({Mode})")]
    private partial void LogPrepared(string blobName, UploadMode mode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Upload {BlobName} streamed ({Bytes} bytes); its job is {JobId}")]
    private partial void LogStreamed(string blobName, long bytes, string jobId);
}
