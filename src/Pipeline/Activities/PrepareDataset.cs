using Azure;
using Azure.Storage.Blobs.Models;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Platform.Modeling.BaseModels;
using Platform.Modeling.Tokenization;
using Platform.Pipeline.Storage;
using Platform.Shared.Datasets;
using Platform.Shared.Jobs;
using Platform.Shared.Text;

namespace Platform.Pipeline.Activities;

/// <summary>
/// Streams the uploaded CSV, validates it, deduplicates and splits it, and writes
/// <c>jobs/{id}/data/{train,validation,test}.jsonl</c> and <c>jobs/{id}/report.json</c>.
/// Idempotent: the same upload and options always write the same bytes.
/// </summary>
public sealed class PrepareDataset(PipelineStorage storage, ILogger<PrepareDataset> logger) : TaskActivity<PrepareDatasetInput, PrepareDatasetResult>
{
    public const string DatasetNotFound = "dataset_not_found";

    public override async Task<PrepareDatasetResult> RunAsync(TaskActivityContext context, PrepareDatasetInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await storage.EnsureCreatedAsync();
        var tokenizer = Tokenizer(input);
        var read = await ReadAsync(input, tokenizer);
        var report = read.Report;
        if (read.Dataset is null)
        {
            logger.LogWarning("Job {JobId}: dataset {DatasetBlob} rejected with {ErrorCode}: {ErrorMessage}",
                input.JobId, input.DatasetBlob, report.Error?.Code, report.Error?.Message);
            return new PrepareDatasetResult(await WriteReportAsync(input.JobId, report), 0, 0, 0);
        }

        var splits = DatasetSplitter.Split(read.Dataset, input.Split);
        if (EmptySplit(splits) is { } empty)
        {
            // Caught here rather than by the runner, which would reject it only after a GPU was found for it.
            report = report with
            {
                Error = new DatasetError(DatasetErrorCodes.TooFewRowsToSplit,
                    $"The {empty} split would be empty: a class is spread over train, validation and test only from 3 distinct rows on " +
                    $"(rows per class: {Bounded.List(report.LabelDistribution.OrderBy(d => d.Value).Select(d => $"{Bounded.Quote(d.Key)}: {d.Value}"), 8)}). Add rows.", null),
            };
            logger.LogWarning("Job {JobId}: dataset {DatasetBlob} rejected with {ErrorCode}: {ErrorMessage}",
                input.JobId, input.DatasetBlob, report.Error.Code, report.Error.Message);
            return new PrepareDatasetResult(await WriteReportAsync(input.JobId, report), 0, 0, 0);
        }

        if (tokenizer is not null)
        {
            // The figures the runner will act on: it plans the same extension from the same split.
            report = report with { UnknownTokens = VocabularyExtension.Plan([.. splits.Train.Examples.Select(e => e.Text)], tokenizer, input.Vocabulary).Summary };
        }

        await WriteSplitAsync(input.JobId, SplitNames.Train, splits.Train);
        await WriteSplitAsync(input.JobId, SplitNames.Validation, splits.Validation);
        await WriteSplitAsync(input.JobId, SplitNames.Test, splits.Test);
        // The report goes last: its presence means the splits are complete.
        var summary = await WriteReportAsync(input.JobId, report);
        logger.LogInformation("Job {JobId}: prepared {TrainCount} train, {ValidationCount} validation and {TestCount} test examples from {DatasetBlob}",
            input.JobId, splits.Train.Examples.Count, splits.Validation.Examples.Count, splits.Test.Examples.Count, input.DatasetBlob);
        return new PrepareDatasetResult(summary, splits.Train.Examples.Count, splits.Validation.Examples.Count, splits.Test.Examples.Count);
    }

    private static string? EmptySplit(DatasetSplits splits) =>
        splits.Train.Examples.Count == 0 ? SplitNames.Train
        : splits.Validation.Examples.Count == 0 ? SplitNames.Validation
        : splits.Test.Examples.Count == 0 ? SplitNames.Test
        : null;

    private async Task<DatasetReadResult> ReadAsync(PrepareDatasetInput input, WordPieceTokenizer? tokenizer)
    {
        var blob = storage.Datasets.GetBlobClient(input.DatasetBlob);
        try
        {
            await using var csv = await blob.OpenReadAsync(new BlobOpenReadOptions(allowModifications: false));
            return DatasetReader.Read(csv, input.Dataset, tokenizer is null ? null : tokenizer.CountTokens);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            var error = new DatasetError(DatasetNotFound,
                $"The dataset blob '{input.DatasetBlob}' does not exist in container '{storage.Datasets.Name}'. Upload it again or check the name.", null);
            return new DatasetReadResult(null, new ValidationReport { Error = error });
        }
    }

    /// <summary>The base model's tokenizer when its vocabulary is a local one (to count tokens); loading a vocabulary takes milliseconds.</summary>
    private WordPieceTokenizer? Tokenizer(PrepareDatasetInput input)
    {
        try
        {
            var (vocabulary, lowerCase) = BaseModelResolver.ResolveVocabulary(input.BaseModel);
            return WordPieceTokenizer.FromVocabFile(vocabulary, lowerCase);
        }
        catch (BaseModelException e)
        {
            logger.LogInformation("Job {JobId}: no local vocabulary for base model {BaseModel}, token lengths are not checked: {Reason}",
                input.JobId, input.BaseModel, e.Message);
            return null;
        }
    }

    private async Task WriteSplitAsync(string jobId, string split, LabeledDataset data)
    {
        var blob = storage.Jobs.GetBlobClient(JobBlobs.Split(jobId, split));
        await using var stream = await blob.OpenWriteAsync(overwrite: true, new BlobOpenWriteOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/x-ndjson" },
        });
        ExampleJsonl.Write(stream, data.Examples);
    }

    /// <summary>Writes the whole report to its blob; returns what the orchestration keeps of it.</summary>
    private async Task<ValidationSummary> WriteReportAsync(string jobId, ValidationReport report)
    {
        var name = JobBlobs.Report(jobId);
        await storage.Jobs.GetBlobClient(name).UploadTextAsync(report.ToJson(), BlobJson.JsonContentType);
        return ValidationSummary.Of(report, name);
    }
}
