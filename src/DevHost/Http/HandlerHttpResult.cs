using Platform.Pipeline.Handlers;

namespace Platform.DevHost.Http;

/// <summary>Writes a host-neutral <see cref="HandlerResult"/> out verbatim: status, headers, content type, body.</summary>
public sealed class HandlerHttpResult(HandlerResult result) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = result.StatusCode;
        foreach (var (name, value) in result.Headers)
        {
            response.Headers[name] = value;
        }

        if (result.ContentType is not null)
        {
            response.ContentType = result.ContentType;
        }

        if (result.Body is not null)
        {
            await response.WriteAsync(result.Body, httpContext.RequestAborted);
        }
    }
}
