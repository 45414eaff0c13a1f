using Microsoft.Extensions.Logging;
using Platform.Pipeline.Storage;
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

    /// <summary>
    /// <c>GET /api/models/{model}/versions/{version}</c>: one version's held-out evaluation (<c>evaluation.json</c>:
    /// summary, per-class scores, confusion matrix), its headline metrics and whether it is current.
    /// </summary>
    public async Task<HandlerResult> GetVersionAsync(string model, string version, CancellationToken cancellationToken)
    {
        if (VersionProblem(model, version) is { } problem)
        {
            return problem;
        }

        var prefix = ModelBlobs.VersionPrefix(model, version);
        var evaluation = await catalog.ReadVersionJsonAsync(prefix + PipelineBlobs.EvaluationFile, cancellationToken).ConfigureAwait(false);
        var metrics = await catalog.ReadMetricsAsync(model, version, cancellationToken).ConfigureAwait(false);
        if (evaluation is null && metrics is null)
        {
            return NoVersion(model, version);
        }

        string? current;
        try
        {
            current = (await catalog.ReadCurrentAsync(model, cancellationToken).ConfigureAwait(false))?.Document.Version;
        }
        catch (InvalidDataException)
        {
            current = null;
        }

        return HandlerResult.Json(200, new
        {
            model,
            version,
            current = version == current,
            metrics,
            evaluation,
            links = new { self = Routes.Version(model, version), card = Routes.Card(model, version), model = Routes.Model(model) },
        });
    }

    /// <summary><c>GET /api/models/{model}/versions/{version}/card</c>: the version's model card page (<c>card.html</c>).</summary>
    public async Task<HandlerResult> GetCardAsync(string model, string version, CancellationToken cancellationToken)
    {
        if (VersionProblem(model, version) is { } problem)
        {
            return problem;
        }

        if (await catalog.ReadVersionTextAsync(ModelBlobs.VersionPrefix(model, version) + PipelineBlobs.ModelCardHtmlFile, cancellationToken).ConfigureAwait(false) is not { } html)
        {
            return NoVersion(model, version);
        }

        // A self-contained page: inline styles and data: images only, no script, never framed by another site.
        return new HandlerResult(200, "text/html; charset=utf-8", html, new Dictionary<string, string>
        {
            ["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'",
            ["X-Content-Type-Options"] = "nosniff",
        });
    }

    private static HandlerResult? VersionProblem(string model, string version)
    {
        if (ModelNames.Problem(model) is { } modelProblem)
        {
            return Problems.Validation("model", modelProblem);
        }

        return ModelVersionNames.Problem(version) is { } versionProblem ? Problems.Validation("version", versionProblem) : null;
    }

    private static HandlerResult NoVersion(string model, string version) =>
        Problems.NotFound("No such version.", $"Model '{model}' has no published version '{version}'. GET {Routes.Model(model)} lists its versions.");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model {Model} is left out of the list: {Error}")]
    private partial void LogUnreadableCurrent(string model, string error);
}
