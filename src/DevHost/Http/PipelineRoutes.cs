using Platform.Pipeline.Handlers;

namespace Platform.DevHost.Http;

/// <summary>The Functions app's routes, mapped to the same handlers (no auth keys locally: Kestrel listens on loopback only).</summary>
public static class PipelineRoutes
{
    public static IEndpointRouteBuilder MapPipelineRoutes(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api");
        api.MapPost("/jobs", async (HttpRequest request, StartJobHandler start, CancellationToken cancellationToken) =>
            new HandlerHttpResult(await start.StartAsync(request.Body, cancellationToken)));
        api.MapGet("/jobs", async (HttpRequest request, JobListHandler list, CancellationToken cancellationToken) =>
            new HandlerHttpResult(await list.ListAsync(request.Query["model"], request.Query["top"], cancellationToken)));
        api.MapGet("/jobs/{id}", async (string id, JobStatusHandler status, CancellationToken cancellationToken) =>
            new HandlerHttpResult(await status.GetAsync(id, cancellationToken)));
        api.MapPost("/jobs/{id}/cancel", async (string id, HttpRequest request, CancelJobHandler cancel, CancellationToken cancellationToken) =>
            new HandlerHttpResult(await cancel.CancelAsync(id, request.Body, cancellationToken)));
        api.MapGet("/models", async (ModelsHandler models, CancellationToken cancellationToken) =>
            new HandlerHttpResult(await models.ListAsync(cancellationToken)));
        api.MapGet("/models/{model}", async (string model, ModelsHandler models, CancellationToken cancellationToken) =>
            new HandlerHttpResult(await models.GetAsync(model, cancellationToken)));
        api.MapPost("/models/{model}/predict", async (string model, HttpRequest request, PredictHandler predict, CancellationToken cancellationToken) =>
            new HandlerHttpResult(await predict.PredictAsync(model, request.Query["version"], request.Body, cancellationToken)));
        return routes;
    }
}
