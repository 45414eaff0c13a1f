using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Modeling.Serving;
using Platform.Pipeline.Handlers.Predict;
using Platform.Pipeline.Storage;
using Platform.Shared.Datasets;
using Platform.Shared.Scoring;

namespace Platform.Pipeline.Scoring;

/// <summary>
/// Scores one chunk: streams its byte range of the upload (as of the plan's ETag), reads its records with the file's
/// line numbers, predicts their texts in batches with the predictor the predict route serves (<see cref="PredictorCache"/>,
/// <see cref="Predictor.PredictAsync"/>), and stages the output rows as blocks (<see cref="ScoringBlockWriter"/>); chunk 0
/// starts with the output's header. At the first row error nothing more is predicted or staged; the chunk is still read
/// for a few more errors to report. Idempotent: a re-run stages the same blocks under the same ids.
/// </summary>
public sealed class ScoreChunk(PipelineStorage storage, PredictorCache predictors, IOptions<PipelineOptions> options, ILogger<ScoreChunk> logger)
    : TaskActivity<ScoreChunkInput, ScoreChunkResult>
{
    public override async Task<ScoreChunkResult> RunAsync(TaskActivityContext context, ScoreChunkInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var chunk = input.Chunk;
        var settings = options.Value.Scoring;
        var predictor = await predictors.GetAsync(input.Model, input.Version, CancellationToken.None)
            ?? throw new InvalidOperationException($"Model '{input.Model}' version '{input.Version}' was deleted while it was scoring.");
        var blob = storage.Scoring.GetBlobClient(input.InputBlob);
        var conditions = new BlobRequestConditions { IfMatch = new ETag(input.ETag) };
        try
        {
            var (header, headerError) = await PlanScoring.ReadHeaderAsync(blob, input.HeaderEnd, conditions);
            if (header is null)
            {
                return new ScoreChunkResult(chunk.Index, 0, 0, [headerError!]);
            }

            var download = await blob.DownloadStreamingAsync(new BlobDownloadOptions { Range = new HttpRange(chunk.Start, chunk.Length), Conditions = conditions });
            using var response = download.Value;
            using var rows = new ScoringRowReader(response.Content, header, chunk.FirstLine, chunk.Start);
            using var output = new ScoringBlockWriter(storage.ScoringResults.GetBlockBlobClient(input.OutputBlob), input.JobId, chunk.Index, settings.BlockBytes);
            var result = await ScoreAsync(rows, header, predictor, output, chunk.Index, Math.Max(1, settings.BatchSize));
            logger.LogInformation("Job {JobId}: chunk {Chunk} ({Bytes} bytes from line {FirstLine}) scored {Rows} rows into {Blocks} blocks, {Errors} row errors",
                input.JobId, chunk.Index, chunk.Length, chunk.FirstLine, result.Rows, result.Blocks, result.Errors.Count);
            return result;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return new ScoreChunkResult(chunk.Index, 0, 0, [PlanScoring.InputChanged(input.InputBlob)]);
        }
    }

    private static async Task<ScoreChunkResult> ScoreAsync(
        ScoringRowReader rows, ScoringHeader header, Predictor predictor, ScoringBlockWriter output, int index, int batchSize)
    {
        var labels = predictor.Labels;
        if (index == 0)
        {
            ScoringCsvWriter.WriteHeader(output.Text, header.Columns, labels, predictor.Package.Labels.MultiLabel);
        }

        var batch = new List<IReadOnlyList<string>>(batchSize);
        var errors = new List<DatasetError>();
        long scored = 0;
        while (errors.Count < ScoringSettings.MaxErrors && rows.Next() is { } record)
        {
            if (record.Error is { } error)
            {
                errors.Add(error);
                batch.Clear();
                continue;
            }

            if (errors.Count > 0)
            {
                continue;
            }

            batch.Add(record.Cells!);
            if (batch.Count == batchSize)
            {
                scored += await PredictAsync(batch, header, predictor, output);
                await output.StageIfFullAsync();
            }
        }

        if (errors.Count > 0)
        {
            return new ScoreChunkResult(index, 0, 0, errors);
        }

        scored += await PredictAsync(batch, header, predictor, output);
        await output.CompleteAsync();
        return new ScoreChunkResult(index, scored, output.Blocks, []);
    }

    private static async Task<int> PredictAsync(List<IReadOnlyList<string>> batch, ScoringHeader header, Predictor predictor, ScoringBlockWriter output)
    {
        if (batch.Count == 0)
        {
            return 0;
        }

        var predictions = await predictor.PredictAsync([.. batch.Select(cells => cells[header.TextIndex])]);
        for (var i = 0; i < batch.Count; i++)
        {
            ScoringCsvWriter.WriteRow(output.Text, batch[i], predictions[i].Labels, predictor.Labels, predictions[i].Scores);
        }

        var count = batch.Count;
        batch.Clear();
        return count;
    }
}
