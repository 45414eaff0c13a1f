using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Platform.Pipeline.Handlers;

namespace Platform.Functions.Http;

/// <summary>Writes a host-neutral <see cref="HandlerResult"/> out as the HTTP response, verbatim.</summary>
internal static class HandlerResults
{
    public static IActionResult ToActionResult(this HandlerResult result, HttpResponse response)
    {
        foreach (var (name, value) in result.Headers)
        {
            response.Headers[name] = value;
        }

        return new ContentResult { StatusCode = result.StatusCode, ContentType = result.ContentType, Content = result.Body };
    }
}
