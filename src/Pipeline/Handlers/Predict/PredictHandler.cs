using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Modeling.Packaging;
using Platform.Pipeline.Handlers.Models;
using Platform.Shared.Jobs;

namespace Platform.Pipeline.Handlers.Predict;

/// <summary>
/// <c>POST /api/models/{model}/predict[?version=]</c>: classifies texts with the model's current version
/// (or the one asked for), served from <see cref="PredictorCache"/>.
/// </summary>
public sealed partial class PredictHandler(
    CurrentVersionTracker currentVersions,
    PredictorCache predictors,
    IOptions<HandlerOptions> options,
    ILogger<PredictHandler> logger)
{
    public async Task<HandlerResult> PredictAsync(string model, string? version, string? contentType, Stream? body, CancellationToken cancellationToken)
    {
        if (!Problems.IsJson(contentType))
        {
            return Problems.UnsupportedMediaType(contentType);
        }

        if (ModelNames.Problem(model) is { } modelProblem)
        {
            return Problems.Validation("model", modelProblem);
        }

        if (version is not null && ModelVersionNames.Problem(version) is { } versionProblem)
        {
            return Problems.Validation("version", versionProblem);
        }

        var limits = options.Value;
        if (await RequestBody.ReadAsync(body, limits.MaxPredictBodyBytes, cancellationToken).ConfigureAwait(false) is not { } bytes)
        {
            return Problems.TooLarge(limits.MaxPredictBodyBytes, $"send fewer or shorter texts per request (at most {limits.MaxTextsPerRequest} texts of {limits.MaxCharactersPerText:N0} characters).");
        }

        var (texts, problem) = PredictRequestParser.Parse(bytes, limits);
        if (texts is null)
        {
            return problem!;
        }

        var resolved = version;
        try
        {
            resolved ??= await currentVersions.GetAsync(model, cancellationToken).ConfigureAwait(false);
            if (resolved is null)
            {
                return Problems.NotFound("No such model.", $"Model '{model}' has no published version (no {ModelBlobs.Current(model)} in container 'models'). GET /api/models lists the models that can predict.");
            }

            var predictor = await predictors.GetAsync(model, resolved, cancellationToken).ConfigureAwait(false);
            if (predictor is null)
            {
                return Problems.NotFound("No such model version.", $"Model '{model}' has no version '{resolved}'. GET {Routes.Model(model)} lists its versions.");
            }

            var predictions = await predictor.PredictAsync(texts, cancellationToken).ConfigureAwait(false);
            LogPredicted(model, resolved, texts.Count);
            return HandlerResult.Json(200, new PredictResponse(model, resolved, predictions));
        }
        catch (InvalidDataException e)
        {
            LogUnavailable(model, e.Message);
            return Problems.ModelUnavailable($"Model '{model}' cannot be served: {e.Message}");
        }
        catch (ModelPackageException e) when (e.MissingOnnx)
        {
            LogUnavailable(model, e.Message);
            var prefix = ModelBlobs.VersionPrefix(model, resolved ?? "{version}");
            return Problems.ModelUnavailable(
                $"Model '{model}' was packaged before packages carried ONNX graphs, which serving runs. Download {prefix} from container 'models', "
                + "run `runner export --model <that folder>` and upload the folder back (or train the model again).");
        }
        catch (ModelPackageException e)
        {
            LogUnavailable(model, e.Message);
            return Problems.ModelUnavailable($"Model '{model}' cannot be served because its package failed verification: {e.Message}");
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Model {Model} version {Version} classified {TextCount} texts")]
    private partial void LogPredicted(string model, string version, int textCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "Model {Model} cannot be served: {Error}")]
    private partial void LogUnavailable(string model, string error);
}
