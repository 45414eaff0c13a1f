using Azure;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Pipeline.Notifications;
using Platform.Pipeline.Orchestration;
using Platform.Pipeline.Storage;
using Platform.Pipeline.Telemetry;
using Platform.Shared.Jobs;

namespace Platform.Pipeline.Handlers.Jobs;

/// <summary>
/// <c>POST /api/jobs</c>: starts training from a blob already in <c>datasets</c>. The job id comes from the
/// model, the blob's SHA-256 and the canonical options, so the same request twice finds the first job (200)
/// instead of starting another (202); <c>force</c> adds a nonce for a deliberate retrain.
/// </summary>
public sealed partial class StartJobHandler(
    HandlerContainers containers,
    JobStatusReader statusReader,
    IOptions<HandlerOptions> options,
    IOptions<PipelineOptions> pipelineOptions,
    IOptions<NotificationOptions> notificationOptions,
    ILogger<StartJobHandler> logger)
{
    public async Task<HandlerResult> StartAsync(DurableTaskClient client, Stream? body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var limit = options.Value.MaxStartJobBodyBytes;
        if (await RequestBody.ReadAsync(body, limit, cancellationToken).ConfigureAwait(false) is not { } bytes)
        {
            return Problems.TooLarge(limit, "a start-job request holds the model name, the dataset blob's name and options only. Upload the CSV itself to container 'datasets' (an upload starts its job by itself).");
        }

        var (resolved, problem) = await ResolveAsync(bytes, knownSha256: null, cancellationToken).ConfigureAwait(false);
        if (resolved is null)
        {
            return problem!;
        }

        var (request, jobId) = resolved;
        PipelineTelemetry.TagJob(jobId);
        if (await statusReader.ReadAsync(client, jobId, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            LogExisting(jobId, existing.RuntimeStatus);
            return HandlerResult.Json(200, existing);
        }

        // The watchdog, promotion gate and evaluation cap travel in the input: orchestrator code must not read configuration.
        var command = TrainingPipelineInput.Create(jobId, request.Model, request.DatasetBlob, request.BaseModel, request.Training, request.Dataset, pipelineOptions.Value)
            with { Sweep = request.Sweep, Notifications = NotificationPlan.For(request.Notify, notificationOptions.Value) };
        if (!await TrainingJobs.ScheduleOnceAsync(client, command, cancellationToken).ConfigureAwait(false)
            && await statusReader.ReadAsync(client, jobId, cancellationToken).ConfigureAwait(false) is { } raced)
        {
            // A concurrent identical request won the race to create the instance: answer with that one.
            LogExisting(jobId, raced.RuntimeStatus);
            return HandlerResult.Json(200, raced);
        }

        PipelineTelemetry.JobsStarted.Add(1);
        LogStarted(jobId, request.Model, request.DatasetBlob, request.Force);
        var started = await statusReader.ReadAsync(client, jobId, cancellationToken).ConfigureAwait(false);
        var headers = new Dictionary<string, string> { ["Location"] = Routes.Job(jobId) };
        return started is null
            ? HandlerResult.Json(202, new { id = jobId, links = JobLinks.For(jobId) }, headers)
            : HandlerResult.Json(202, started, headers);
    }

    /// <summary>
    /// The request a start-job body asks for and the id of its job, as <see cref="StartAsync"/> computes them, without
    /// starting anything: the dataset's SHA-256 is <paramref name="knownSha256"/> when the caller hashed the bytes as it
    /// stored them, else read from the blob. A problem (400) when the body is refused or the dataset blob is missing.
    /// </summary>
    public async Task<(ResolvedJob? Job, HandlerResult? Problem)> ResolveAsync(byte[] body, string? knownSha256, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var (request, problem) = StartJobRequestParser.Parse(body, pipelineOptions.Value.Defaults);
        if (request is null)
        {
            return (null, problem);
        }

        if (await MissingBaseModelAsync(request.BaseModel, cancellationToken).ConfigureAwait(false) is { } baseProblem)
        {
            return (null, baseProblem);
        }

        var sha256 = knownSha256 ?? await BlobHashes.Sha256Async(containers.Datasets.GetBlobClient(request.DatasetBlob), cancellationToken).ConfigureAwait(false);
        if (sha256 is null)
        {
            return (null, Problems.Validation("dataset", $"Dataset blob '{request.DatasetBlob}' was not found in container '{containers.Datasets.Name}'. Upload the CSV there first, then start the job."));
        }

        var canonical = JobOptionsCanonicalizer.ToJson(request.BaseModel, request.Training, request.Dataset, request.Sweep, request.Notify);
        return (new ResolvedJob(request, JobIds.Compute(request.Model, sha256, canonical, request.Force ? Guid.NewGuid().ToString("N") : null)), null);
    }

    private async Task<HandlerResult?> MissingBaseModelAsync(string baseModel, CancellationToken cancellationToken)
    {
        if (BaseModelNames.IsBuiltIn(baseModel))
        {
            return null;
        }

        var config = containers.BaseModels.GetBlobClient($"{baseModel}/config.json");
        return await config.ExistsOrFalseAsync(cancellationToken).ConfigureAwait(false)
            ? null
            : Problems.Validation("baseModel", $"Base model '{baseModel}' is not built in and there is no '{baseModel}/config.json' in container '{containers.BaseModels.Name}'. Upload a Hugging Face BERT folder there or use 'minilm-l6'.");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} started for model {Model} from dataset {DatasetBlob} (force: {Force})")]
    private partial void LogStarted(string jobId, string model, string datasetBlob, bool force);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} already exists ({RuntimeStatus}); not starting it again")]
    private partial void LogExisting(string jobId, OrchestrationRuntimeStatus runtimeStatus);
}
