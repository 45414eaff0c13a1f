using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Modeling.Packaging;
using Platform.Pipeline.Handlers.Models;
using Platform.Pipeline.Handlers.Predict;
using Platform.Pipeline.Storage;
using Platform.Shared.Csv;
using Platform.Shared.Datasets;
using Platform.Shared.Jobs;
using Platform.Shared.Scoring;
using Platform.Shared.Text;

namespace Platform.Pipeline.Scoring;

/// <summary>
/// Finds the version that scores (the options' or the current one) and loads it as the predict route does
/// (<see cref="PredictorCache"/>), reads the upload's header, and cuts the upload into chunks of whole records
/// (<see cref="CsvChunkPlanner"/>: one pass, a fixed buffer). Problems a person can fix come back as the plan's error.
/// </summary>
public sealed class PlanScoring(
    PipelineStorage storage, ModelCatalog catalog, PredictorCache predictors, IOptions<PipelineOptions> options, ILogger<PlanScoring> logger)
    : TaskActivity<ScoringInput, ScoringPlan>
{
    public override async Task<ScoringPlan> RunAsync(TaskActivityContext context, ScoringInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (version, modelError) = await ResolveVersionAsync(input);
        if (modelError is not null)
        {
            return ScoringPlan.Failed(version, modelError);
        }

        var blob = storage.Scoring.GetBlobClient(input.InputBlob);
        BlobProperties properties;
        try
        {
            properties = (await blob.GetPropertiesAsync()).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return ScoringPlan.Failed(version, new DatasetError(ScoringErrorCodes.InputNotFound,
                $"The upload '{input.InputBlob}' no longer exists in container '{storage.Scoring.Name}'; upload it again.", null));
        }

        var settings = options.Value.Scoring;
        var conditions = new BlobRequestConditions { IfMatch = properties.ETag };
        CsvChunkPlan plan;
        try
        {
            var stream = await blob.OpenReadAsync(new BlobOpenReadOptions(allowModifications: true) { Conditions = conditions });
            await using (stream)
            {
                plan = await CsvChunkPlanner.PlanAsync(stream, properties.ContentLength, settings.ChunkBytes, settings.MaxChunks);
            }

            if (!plan.HasHeader)
            {
                return ScoringPlan.Failed(version, new DatasetError(DatasetErrorCodes.EmptyFile,
                    $"The file {(plan.Length == 0 ? "is empty (0 bytes)" : "contains only whitespace")}. Upload a CSV whose first line names its columns, one of them 'text', followed by one row per text to score.", null));
            }

            var header = await ReadHeaderAsync(blob, plan.HeaderEnd, conditions);
            if (header.Header is null)
            {
                return ScoringPlan.Failed(version, header.Error!);
            }

            if (plan.Chunks.Count == 0)
            {
                return ScoringPlan.Failed(version, new DatasetError(ScoringErrorCodes.NoDataRows,
                    $"line {header.Header.Line}: the header ({Bounded.List(header.Header.Columns.Select(c => Bounded.Quote(c)), 10)}) has no rows below it. Add one row per text to score.", header.Header.Line));
            }
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return ScoringPlan.Failed(version, InputChanged(input.InputBlob));
        }

        await storage.ScoringResults.CreateIfNotExistsAsync();
        logger.LogInformation("Job {JobId}: {InputBlob} ({Bytes} bytes) cut into {Chunks} chunks for {Model} version {Version}",
            input.JobId, input.InputBlob, plan.Length, plan.Chunks.Count, input.Model, version);
        return new ScoringPlan(version, properties.ETag.ToString(), plan.HeaderEnd, plan.Chunks, null);
    }

    /// <summary>The header of the upload, from its first <paramref name="headerEnd"/> bytes.</summary>
    internal static async Task<(ScoringHeader? Header, DatasetError? Error)> ReadHeaderAsync(BlobClient blob, long headerEnd, BlobRequestConditions conditions)
    {
        ArgumentNullException.ThrowIfNull(blob);
        var download = await blob.DownloadStreamingAsync(new BlobDownloadOptions { Range = new HttpRange(0, headerEnd), Conditions = conditions });
        using var response = download.Value;
        var header = ScoringHeader.Read(response.Content, out var error);
        return (header, error);
    }

    internal static DatasetError InputChanged(string inputBlob) => new(ScoringErrorCodes.InputChanged,
        $"The upload '{inputBlob}' was overwritten while it was scored. Its new content is scored as a job of its own (GET /api/jobs lists it).", null);

    private async Task<(string? Version, DatasetError? Error)> ResolveVersionAsync(ScoringInput input)
    {
        var version = input.Version;
        try
        {
            version ??= (await catalog.ReadCurrentAsync(input.Model, CancellationToken.None))?.Document.Version;
            if (version is null)
            {
                return (null, new DatasetError(ScoringErrorCodes.ModelNotFound,
                    $"Model '{input.Model}' has no published version (no {ModelBlobs.Current(input.Model)} in container '{storage.Models.Name}'), so there is nothing to score with. " +
                    $"Train it first (upload a labelled CSV as datasets/{input.Model}.csv) or check the folder name; GET /api/models lists the models that can score.", null));
            }

            if (await predictors.GetAsync(input.Model, version, CancellationToken.None) is null)
            {
                return (version, new DatasetError(ScoringErrorCodes.VersionNotFound,
                    $"Model '{input.Model}' has no version '{version}'. GET /api/models/{input.Model} lists its versions; fix 'version' in the upload's .options.json, or leave it out to score with the current version.", null));
            }

            return (version, null);
        }
        catch (Exception e) when (e is InvalidDataException or ModelPackageException)
        {
            return (version, new DatasetError(ScoringErrorCodes.ModelUnavailable, $"Model '{input.Model}' cannot be served: {e.Message}", null));
        }
    }
}
