using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Platform.Pipeline.Handlers;
using Platform.Pipeline.Handlers.Jobs;

namespace Platform.Functions.Http;

/// <summary>The job routes; all logic lives in the Pipeline handlers.</summary>
public sealed class JobFunctions(StartJobHandler start, JobListHandler list, JobStatusHandler status, CancelJobHandler cancel)
{
    [Function(nameof(StartJob))]
    public async Task<IActionResult> StartJob(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "jobs")] HttpRequest request,
        [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        (await start.StartAsync(client, request.Body, cancellationToken)).ToActionResult(request.HttpContext.Response);

    [Function(nameof(ListJobs))]
    public async Task<IActionResult> ListJobs(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "jobs")] HttpRequest request,
        [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        (await list.ListAsync(client, request.Query["model"], request.Query["top"], cancellationToken)).ToActionResult(request.HttpContext.Response);

    [Function(nameof(GetJob))]
    public async Task<IActionResult> GetJob(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "jobs/{id}")] HttpRequest request, string id,
        [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        (await status.GetAsync(client, id, cancellationToken)).ToActionResult(request.HttpContext.Response);

    [Function(nameof(CancelJob))]
    public async Task<IActionResult> CancelJob(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "jobs/{id}/cancel")] HttpRequest request, string id,
        [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        (await cancel.CancelAsync(client, id, request.Body, cancellationToken)).ToActionResult(request.HttpContext.Response);
}
