using Microsoft.Extensions.Logging;
using Platform.Shared.Jobs;

namespace Platform.Pipeline.Handlers.Models;

/// <summary><c>GET /api/models</c> and <c>GET /api/models/{model}</c>: published models, versions, metrics and card links.</summary>
public sealed partial class ModelsHandler(ModelCatalog catalog, ILogger<ModelsHandler> logger)
{
    private static readonly string[] CardFiles = ["README.md", "model-card.md", "MODEL_CARD.md", "card.md"];

    /// <summary>Every model that has a <c>current.json</c>, with that version's headline metrics.</summary>
    public async Task<HandlerResult> ListAsync(CancellationToken cancellationToken)
    {
        var models = new List<ModelSummaryView>();
        foreach (var name in await catalog.ListModelsAsync(cancellationToken).ConfigureAwait(false))
        {
            CurrentModelDocument pointer;
            try
            {
                if (await catalog.ReadCurrentAsync(name, cancellationToken).ConfigureAwait(false) is not { } current)
                {
                    continue;
                }

                pointer = current.Document;
            }
            catch (InvalidDataException e)
            {
                LogUnreadableCurrent(name, e.Message);
                continue;
            }

            var metrics = (pointer.Metrics is { } inline ? HeadlineMetrics.From(inline) : null)
                ?? await catalog.ReadMetricsAsync(name, pointer.Version, cancellationToken).ConfigureAwait(false);
            models.Add(new ModelSummaryView(name, pointer.Version, pointer.JobId, pointer.PromotedAt, pointer.Reason, pointer.Overridden, metrics, ModelLinks.For(name)));
        }

        return HandlerResult.Json(200, new { models });
    }

    public async Task<HandlerResult> GetAsync(string model, CancellationToken cancellationToken)
    {
        if (ModelNames.Problem(model) is { } problem)
        {
            return Problems.Validation("model", problem);
        }

        CurrentModelDocument? pointer;
        try
        {
            pointer = (await catalog.ReadCurrentAsync(model, cancellationToken).ConfigureAwait(false))?.Document;
        }
        catch (InvalidDataException e)
        {
            return Problems.ModelUnavailable(e.Message);
        }

        var versions = await catalog.ListVersionsAsync(model, cancellationToken).ConfigureAwait(false);
        if (pointer is null && versions.Count == 0)
        {
            return Problems.NotFound("No such model.", $"There is no model named '{model}'. GET /api/models lists the published models.");
        }

        var views = new List<ModelVersionView>();
        foreach (var (version, files) in versions.Reverse())
        {
            var metrics = await catalog.ReadMetricsAsync(model, version, cancellationToken).ConfigureAwait(false);
            var card = CardFiles.FirstOrDefault(files.Contains) is { } cardFile
                ? catalog.BlobUri(ModelBlobs.VersionPrefix(model, version) + cardFile)
                : null;
            views.Add(new ModelVersionView(version, version == pointer?.Version, metrics, card));
        }

        return HandlerResult.Json(200, new ModelDetailView(model, pointer?.Version, pointer?.JobId, pointer?.PromotedAt, pointer?.Reason, pointer?.Overridden, views, ModelLinks.For(model)));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model {Model} is left out of the list: {Error}")]
    private partial void LogUnreadableCurrent(string model, string error);
}
