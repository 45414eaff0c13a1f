using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Platform.Pipeline.Handlers.Console;

namespace Platform.Functions.Http;

/// <summary>
/// The web console's files. Anonymous, because a browser cannot send a function key for a page; in Azure the console
/// requires a user signed in through App Service Authentication (Console:RequireSignIn), and its pages call the JSON
/// routes with a function key.
/// </summary>
public sealed class ConsoleFunctions(ConsoleHandler console)
{
    private const string Segment = "/console";

    [Function(nameof(WebConsole))]
    public IActionResult WebConsole(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/{*path}")] HttpRequest request)
    {
        // The file is read from the request path (after the route prefix and "/console"), not a bound route value: the
        // catch-all is empty for the index page.
        var requestPath = request.Path.Value ?? string.Empty;
        var at = requestPath.IndexOf(Segment, StringComparison.OrdinalIgnoreCase);
        var path = at < 0 ? string.Empty : requestPath[(at + Segment.Length)..];
        return console.Serve(path, request.Headers.IfNoneMatch.ToString(), request.Headers[ConsoleHandler.PrincipalHeader].ToString())
            .ToActionResult(request.HttpContext.Response);
    }
}
