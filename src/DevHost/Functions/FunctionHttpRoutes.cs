using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.Azure.Functions.Worker;

namespace Platform.DevHost.Functions;

/// <summary>
/// The Functions app's HTTP functions on Kestrel: each <c>[HttpTrigger]</c>'s route (under <c>/api</c>, the host's default
/// prefix) and methods become an endpoint that invokes the function with the real <see cref="HttpRequest"/> and writes its
/// <see cref="IActionResult"/>, so there is one route table. No function keys locally: Kestrel listens on loopback only.
/// </summary>
public static class FunctionHttpRoutes
{
    public const string RoutePrefix = "api";

    public static IEndpointRouteBuilder MapFunctionRoutes(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var catalog = routes.ServiceProvider.GetRequiredService<FunctionCatalog>();
        foreach (var function in catalog.WithTrigger<HttpTriggerAttribute>())
        {
            var trigger = function.TriggerAs<HttpTriggerAttribute>()!;
            var methods = (trigger.Methods ?? ["get", "post"]).Select(m => m.ToUpperInvariant()).ToArray();
            routes.MapMethods($"/{RoutePrefix}/{trigger.Route ?? function.Name}", methods, http => InvokeAsync(function, http))
                .WithName(function.Name);
        }

        return routes;
    }

    private static async Task InvokeAsync(FunctionDescriptor function, HttpContext http)
    {
        var invoker = http.RequestServices.GetRequiredService<FunctionInvoker>();
        var invocation = new InvocationInputs(http.Request, http.RequestAborted)
        {
            BindingData = http.Request.RouteValues.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.OrdinalIgnoreCase),
        };
        switch (await invoker.InvokeAsync(function, invocation))
        {
            case IActionResult action:
                await action.ExecuteResultAsync(new ActionContext(http, http.GetRouteData(), new ActionDescriptor()));
                break;
            case IResult result:
                await result.ExecuteAsync(http);
                break;
            case null:
                http.Response.StatusCode = StatusCodes.Status204NoContent;
                break;
            case var other:
                throw new InvalidOperationException($"Function '{function.Name}' returned {other.GetType().Name}; DevHost writes IActionResult and IResult.");
        }
    }
}
