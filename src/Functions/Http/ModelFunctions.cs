using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Platform.Pipeline.Handlers;
using Platform.Pipeline.Handlers.Models;
using Platform.Pipeline.Handlers.Predict;

namespace Platform.Functions.Http;

/// <summary>The model routes; all logic lives in the Pipeline handlers.</summary>
public sealed class ModelFunctions(ModelsHandler models, PromoteModelHandler promote, PredictHandler predict)
{
    [Function(nameof(ListModels))]
    public async Task<IActionResult> ListModels(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "models")] HttpRequest request, CancellationToken cancellationToken) =>
        (await models.ListAsync(cancellationToken)).ToActionResult(request.HttpContext.Response);

    [Function(nameof(GetModel))]
    public async Task<IActionResult> GetModel(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "models/{model}")] HttpRequest request, string model, CancellationToken cancellationToken) =>
        (await models.GetAsync(model, cancellationToken)).ToActionResult(request.HttpContext.Response);

    [Function(nameof(GetModelVersion))]
    public async Task<IActionResult> GetModelVersion(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "models/{model}/versions/{version}")] HttpRequest request, string model, string version,
        CancellationToken cancellationToken) =>
        (await models.GetVersionAsync(model, version, cancellationToken)).ToActionResult(request.HttpContext.Response);

    [Function(nameof(GetModelCard))]
    public async Task<IActionResult> GetModelCard(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "models/{model}/versions/{version}/card")] HttpRequest request, string model, string version,
        CancellationToken cancellationToken) =>
        (await models.GetCardAsync(model, version, cancellationToken)).ToActionResult(request.HttpContext.Response);

    [Function(nameof(PromoteModel))]
    public async Task<IActionResult> PromoteModel(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "models/{model}/current")] HttpRequest request, string model, CancellationToken cancellationToken) =>
        (await promote.PromoteAsync(model, request.ContentType, request.Body, cancellationToken)).ToActionResult(request.HttpContext.Response);

    [Function(nameof(Predict))]
    public async Task<IActionResult> Predict(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "models/{model}/predict")] HttpRequest request, string model, CancellationToken cancellationToken) =>
        (await predict.PredictAsync(model, request.Query["version"], request.ContentType, request.Body, cancellationToken)).ToActionResult(request.HttpContext.Response);
}
