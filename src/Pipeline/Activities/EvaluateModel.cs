using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Platform.Modeling.Evaluation;
using Platform.Modeling.Serving;
using Platform.Pipeline.Storage;
using Platform.Shared.Datasets;
using Platform.Shared.Jobs;
using Platform.Shared.Storage;

namespace Platform.Pipeline.Activities;

/// <summary>
/// Downloads <c>jobs/{id}/model/</c>, loads it with <see cref="Predictor"/> (manifest verified, as for serving), scores a
/// label-stratified sample of the test split and writes <c>jobs/{id}/evaluation/</c> metrics.json, report.txt and confusion-matrix.csv.
/// </summary>
public sealed class EvaluateModel(PipelineStorage storage, ILogger<EvaluateModel> logger) : TaskActivity<EvaluateModelInput, EvaluateModelResult>
{
    public override async Task<EvaluateModelResult> RunAsync(TaskActivityContext context, EvaluateModelInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (split, examples) = await ReadHeldOutAsync(input.JobId);
        var sample = EvaluationSampler.Take(examples, input.MaxExamples);
        var folder = Path.Combine(Path.GetTempPath(), "platform-pipeline", $"{input.JobId}-{Guid.NewGuid():N}");
        try
        {
            var files = await BlobPrefix.DownloadAsync(storage.Jobs, JobBlobs.ModelPrefix(input.JobId), folder);
            if (files == 0)
            {
                throw new InvalidOperationException($"Job {input.JobId} has no model package under {storage.Jobs.Name}/{JobBlobs.ModelPrefix(input.JobId)}.");
            }

            using var predictor = Predictor.Load(folder);
            var (summary, report, text, confusion, skipped) = EvaluationScorer.Score(predictor, sample);
            var document = new EvaluationDocument(input.JobId, split, sample.Count - skipped, examples.Count, skipped, summary, report);
            await WriteAsync(input.JobId, document, text, confusion);
            logger.LogInformation("Job {JobId}: evaluated {Evaluated} of {Available} {Split} examples, macro-F1 {MacroF1:F4}",
                input.JobId, document.Evaluated, examples.Count, split, summary.MacroF1);
            return new EvaluateModelResult(summary, document.Evaluated, examples.Count);
        }
        finally
        {
            TryDelete(folder);
        }
    }

    /// <summary>The test split, or validation when a tiny dataset left test empty.</summary>
    private async Task<(string Split, List<LabeledExample> Examples)> ReadHeldOutAsync(string jobId)
    {
        foreach (var split in new[] { SplitNames.Test, SplitNames.Validation })
        {
            var blob = storage.Jobs.GetBlobClient(JobBlobs.Split(jobId, split));
            var download = await blob.DownloadStreamingAsync();
            await using var stream = download.Value.Content;
            var examples = ExampleJsonl.Read(stream);
            if (examples.Count > 0)
            {
                return (split, examples);
            }
        }

        throw new InvalidOperationException($"Job {jobId} has no held-out examples: both the test and the validation split are empty.");
    }

    private async Task WriteAsync(string jobId, EvaluationDocument document, string text, string? confusion)
    {
        await storage.Jobs.GetBlobClient(PipelineBlobs.EvaluationMetrics(jobId))
            .UploadTextAsync(MetricsJson.Serialize(document), BlobJson.JsonContentType);
        await storage.Jobs.GetBlobClient(PipelineBlobs.EvaluationReport(jobId)).UploadTextAsync(text, "text/plain; charset=utf-8");
        if (confusion is not null)
        {
            await storage.Jobs.GetBlobClient(PipelineBlobs.ConfusionMatrix(jobId)).UploadTextAsync(confusion, "text/csv; charset=utf-8");
        }
    }

    private void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException e)
        {
            logger.LogWarning("Could not delete the temporary package folder {Folder}: {Reason}", folder, e.Message);
        }
    }
}
