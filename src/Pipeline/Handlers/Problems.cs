namespace Platform.Pipeline.Handlers;

/// <summary>The problem documents the handlers answer with; <c>type</c> URIs are stable so clients can branch on them.</summary>
public static class Problems
{
    public const string ValidationType = "urn:platform:problem:validation";
    public const string NotFoundType = "urn:platform:problem:not-found";
    public const string ConflictType = "urn:platform:problem:conflict";
    public const string TooLargeType = "urn:platform:problem:payload-too-large";
    public const string MethodNotAllowedType = "urn:platform:problem:method-not-allowed";
    public const string UnsupportedMediaTypeType = "urn:platform:problem:unsupported-media-type";
    public const string ModelUnavailableType = "urn:platform:problem:model-unavailable";

    /// <summary>400 with one entry per rejected field.</summary>
    public static HandlerResult Validation(IReadOnlyDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var detail = string.Join(" ", errors.SelectMany(e => e.Value));
        return HandlerResult.Problem(new ProblemDocument(ValidationType, "The request is not valid.", 400, detail, errors));
    }

    /// <summary>400 for a single field.</summary>
    public static HandlerResult Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });

    public static HandlerResult NotFound(string title, string detail) =>
        HandlerResult.Problem(new ProblemDocument(NotFoundType, title, 404, detail));

    public static HandlerResult Conflict(string title, string detail) =>
        HandlerResult.Problem(new ProblemDocument(ConflictType, title, 409, detail));

    /// <summary>413; <paramref name="advice"/> says what this route's body should hold instead.</summary>
    public static HandlerResult TooLarge(long limitBytes, string advice) =>
        HandlerResult.Problem(new ProblemDocument(
            TooLargeType, "The request body is too large.", 413,
            $"The request body is larger than the limit of {limitBytes:N0} bytes; {advice}"));

    /// <summary>
    /// The problem for a status the host answers by itself with no body (no route matched, a method the route does not
    /// take): <paramref name="method"/> and <paramref name="path"/> are the request's.
    /// </summary>
    public static HandlerResult ForStatus(int status, string method, string path)
    {
        var where = $"{method} {Platform.Shared.Text.Bounded.Message(path, 200)}";
        return status switch
        {
            404 => NotFound("No such route.", $"Nothing answers {where}. The routes are listed in the README (GET /api/jobs, GET /api/models, POST /api/models/{{model}}/predict, …)."),
            405 => HandlerResult.Problem(new ProblemDocument(MethodNotAllowedType, "Method not allowed.", 405, $"{where}: this route does not take {method}; the README lists each route's method.")),
            _ => HandlerResult.Problem(new ProblemDocument($"urn:platform:problem:http-{status}", $"HTTP {status}.", status, $"{where} answered {status}.")),
        };
    }

    /// <summary>415 for a body that is not JSON.</summary>
    public static HandlerResult UnsupportedMediaType(string? contentType) =>
        HandlerResult.Problem(new ProblemDocument(
            UnsupportedMediaTypeType, "The request body must be JSON.", 415,
            (string.IsNullOrWhiteSpace(contentType) ? "The request has no Content-Type." : $"The request's Content-Type is '{Platform.Shared.Text.Bounded.Message(contentType, 100)}'.")
            + " Send the body as JSON with the header Content-Type: application/json."));

    /// <summary>True for <c>application/json</c> and <c>application/*+json</c>, with any parameters (charset).</summary>
    public static bool IsJson(string? contentType)
    {
        var mediaType = contentType?.Split(';', 2)[0].Trim();
        return mediaType is not null
            && (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                || (mediaType.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>500 for a stored model package that cannot be served; the detail says which and why.</summary>
    public static HandlerResult ModelUnavailable(string detail) =>
        HandlerResult.Problem(new ProblemDocument(ModelUnavailableType, "The model cannot be loaded.", 500, detail));
}
