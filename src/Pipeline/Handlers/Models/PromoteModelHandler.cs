using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Pipeline.Activities;
using Platform.Shared.Jobs;
using Platform.Shared.Text;

namespace Platform.Pipeline.Handlers.Models;

/// <summary>
/// <c>POST /api/models/{model}/current</c> with <c>{"version": "…"}</c>: makes a published version current through the
/// same promotion gate as the publish step, to promote a newer version or roll back to an older one. Where the gate
/// refuses, 409 says why; <c>"override": true</c> with a <c>"reason"</c> makes it current anyway, and current.json
/// records the override, its reason and the gate's. 200 with the new pointer; 404 for an unknown model or version.
/// </summary>
public sealed partial class PromoteModelHandler(
    ModelCatalog catalog,
    CurrentModelStore pointers,
    HandlerContainers containers,
    IOptions<PipelineOptions> pipeline,
    ILogger<PromoteModelHandler> logger)
{
    private const long MaxBodyBytes = 16 * 1024;

    /// <summary>The longest reason kept with an override.</summary>
    public const int MaxReasonLength = 500;

    public async Task<HandlerResult> PromoteAsync(string model, string? contentType, Stream? body, CancellationToken cancellationToken)
    {
        if (ModelNames.Problem(model) is { } nameProblem)
        {
            return Problems.Validation("model", nameProblem);
        }

        if (!Problems.IsJson(contentType))
        {
            return Problems.UnsupportedMediaType(contentType);
        }

        if (await RequestBody.ReadAsync(body, MaxBodyBytes, cancellationToken).ConfigureAwait(false) is not { } bytes)
        {
            return Problems.TooLarge(MaxBodyBytes, "a promotion holds a version and, for an override, a short reason.");
        }

        var (request, problem) = Parse(bytes);
        if (request is null)
        {
            return problem!;
        }

        var version = request.Version!;
        VersionEvaluation? evaluation;
        try
        {
            evaluation = await catalog.ReadEvaluationAsync(model, version, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException e)
        {
            return Problems.Conflict("The version cannot be gated.", e.Message);
        }

        if (evaluation is null)
        {
            return Problems.NotFound("No such version.",
                $"Model '{model}' has no published version '{version}' (no evaluation.json under it). GET {Routes.Model(model)} lists its versions.");
        }

        var candidate = new CurrentModelDocument(model, version, evaluation.JobId, evaluation.MacroF1, DateTimeOffset.UtcNow, evaluation.Summary);
        var pointer = containers.Models.GetBlobClient(ModelBlobs.Current(model));
        PromotionDecision decision;
        string? previous;
        CurrentModelDocument? current;
        try
        {
            (decision, previous, current) = await pointers.PromoteAsync(
                pointer, candidate, pipeline.Value.Promotion, request.Reason, request.Override, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException e)
        {
            return Problems.Conflict("The current version cannot be read.", e.Message + " Fix or delete current.json, then promote again.");
        }

        if (!decision.Promote)
        {
            return Problems.Conflict("The promotion gate refused the version.",
                $"Version '{version}' was not made current: {decision.Reason}. To make it current anyway, send \"override\": true with a \"reason\"; both are recorded.");
        }

        LogPromoted(model, version, previous, decision.Reason);
        return HandlerResult.Json(200, new
        {
            model,
            version,
            previousVersion = previous,
            promoted = !decision.AlreadyCurrent,
            reason = current?.Reason ?? decision.Reason,
            overridden = current?.Overridden ?? false,
            promotedAt = current?.PromotedAt,
            links = ModelLinks.For(model),
        });
    }

    private static (PromoteRequest? Request, HandlerResult? Problem) Parse(byte[] bytes)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(bytes);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            return (null, Problems.Validation("body", $"The body is not JSON: {Bounded.Message(e.Message, 200)} Send {{\"version\": \"…\"}}."));
        }

        var errors = new ValidationErrors();
        var request = StrictJsonBinder.Bind<PromoteRequest>(root, "body", errors);
        if (request is not null)
        {
            if (string.IsNullOrEmpty(request.Version))
            {
                errors.Add("body.version", "'body.version' is required: the published version to make current (GET /api/models/{model} lists them).");
            }
            else if (ModelVersionNames.Problem(request.Version) is { } versionProblem)
            {
                errors.Add("body.version", versionProblem);
            }

            if (request.Override && string.IsNullOrWhiteSpace(request.Reason))
            {
                errors.Add("body.reason", "An override needs a 'reason'; it is recorded in current.json with the gate's decision.");
            }

            if (request.Reason is { Length: > MaxReasonLength })
            {
                errors.Add("body.reason", $"'body.reason' must be at most {MaxReasonLength} characters (got {request.Reason.Length}).");
            }
        }

        return errors.Any ? (null, errors.ToProblem()) : (request, null);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Model {Model}: version {Version} made current (was {Previous}): {Reason}")]
    private partial void LogPromoted(string model, string version, string? previous, string reason);
}
