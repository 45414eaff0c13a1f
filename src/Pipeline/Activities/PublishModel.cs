using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Platform.Pipeline.Storage;
using Platform.Shared.Jobs;

namespace Platform.Pipeline.Activities;

/// <summary>
/// Copies <c>jobs/{id}/model/</c> to <c>models/{model}/{version}/</c> with the evaluation and a model card, then moves
/// <c>models/{model}/current.json</c> only if the promotion gate passes. Re-runs overwrite with the same bytes.
/// </summary>
public sealed class PublishModel(PipelineStorage storage, CurrentModelStore pointers, ILogger<PublishModel> logger)
    : TaskActivity<PublishModelInput, PublishModelResult>
{
    public override async Task<PublishModelResult> RunAsync(TaskActivityContext context, PublishModelInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await storage.EnsureCreatedAsync();
        var prefix = ModelBlobs.VersionPrefix(input.Model, input.Version);
        var copied = await BlobFolders.CopyAsync(storage.Jobs, JobBlobs.ModelPrefix(input.JobId), storage.Models, prefix);
        if (copied == 0)
        {
            throw new InvalidOperationException($"Job {input.JobId} has no model package under {storage.Jobs.Name}/{JobBlobs.ModelPrefix(input.JobId)}.");
        }

        var evaluation = await storage.Jobs.GetBlobClient(PipelineBlobs.EvaluationMetrics(input.JobId)).DownloadTextOrNullAsync();
        if (evaluation is { } found)
        {
            await storage.Models.GetBlobClient(prefix + PipelineBlobs.EvaluationFile).UploadTextAsync(found.Text, BlobJson.JsonContentType);
        }

        var training = Parse((await storage.Models.GetBlobClient(prefix + "training.json").DownloadTextOrNullAsync())?.Text);
        await storage.Models.GetBlobClient(prefix + PipelineBlobs.ModelCardFile)
            .UploadTextAsync(ModelCard.Render(input, training), "text/markdown; charset=utf-8");
        await storage.Models.GetBlobClient(prefix + PipelineBlobs.ModelCardHtmlFile)
            .UploadTextAsync(ModelCardHtml.Render(input, training, Parse(evaluation?.Text)), "text/html; charset=utf-8");

        var candidate = new CurrentModelDocument(input.Model, input.Version, input.JobId, input.Metrics.MacroF1, input.PublishedAt,
            JsonSerializer.SerializeToElement(input.Metrics, WireJson.Options));
        var (decision, previous, _) = await pointers.PromoteAsync(storage.Models.GetBlobClient(ModelBlobs.Current(input.Model)), candidate, input.Gate);
        logger.LogInformation("Job {JobId}: published {Model} version {Version} ({FileCount} files); promoted {Promoted}: {Reason}",
            input.JobId, input.Model, input.Version, copied, decision.Promote, decision.Reason);
        return new PublishModelResult(input.Version, decision.Promote, decision.Reason, previous);
    }

    private static JsonElement? Parse(string? json) =>
        json is null ? null : JsonDocument.Parse(json).RootElement.Clone();
}
