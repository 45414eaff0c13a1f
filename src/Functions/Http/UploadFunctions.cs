using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Platform.Pipeline.Handlers;
using Platform.Pipeline.Handlers.Uploads;

namespace Platform.Functions.Http;

/// <summary>The upload routes; the job itself starts from the blob event, as for every upload.</summary>
public sealed class UploadFunctions(UploadHandler uploads)
{
    [Function(nameof(PrepareUpload))]
    public async Task<IActionResult> PrepareUpload(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "uploads")] HttpRequest request, CancellationToken cancellationToken) =>
        (await uploads.PrepareAsync(request.ContentType, request.Body, cancellationToken)).ToActionResult(request.HttpContext.Response);

    [Function(nameof(UploadStatus))]
    public async Task<IActionResult> UploadStatus(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "uploads/{*name}")] HttpRequest request, string name,
        [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        (await uploads.StatusAsync(client, name, cancellationToken)).ToActionResult(request.HttpContext.Response);

    [Function(nameof(UploadDataset))]
    public async Task<IActionResult> UploadDataset(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "datasets/{*name}")] HttpRequest request, string name, CancellationToken cancellationToken) =>
        (await uploads.StreamAsync(name, request.Headers[UploadHandler.OptionsHeader], request.Body, cancellationToken)).ToActionResult(request.HttpContext.Response);
}
