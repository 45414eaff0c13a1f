using System.Text.Json;

namespace Platform.Pipeline.Handlers;

/// <summary>
/// What a handler answers, in terms any host can write out: a status code, a content type, a UTF-8
/// JSON body and extra headers (e.g. <c>Location</c>). Azure Functions and Kestrel both copy it verbatim.
/// </summary>
public sealed record HandlerResult(int StatusCode, string? ContentType, string? Body, IReadOnlyDictionary<string, string> Headers)
{
    public const string JsonContentType = "application/json; charset=utf-8";
    public const string ProblemContentType = "application/problem+json; charset=utf-8";

    private static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>();

    /// <summary>A JSON body serialized with the handlers' shared options.</summary>
    public static HandlerResult Json<T>(int statusCode, T value, IReadOnlyDictionary<string, string>? headers = null) =>
        new(statusCode, JsonContentType, JsonSerializer.Serialize(value, HandlerJson.Options), headers ?? NoHeaders);

    /// <summary>An RFC 9457 problem document with its status code.</summary>
    public static HandlerResult Problem(ProblemDocument problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return new(problem.Status, ProblemContentType, JsonSerializer.Serialize(problem, HandlerJson.Options), NoHeaders);
    }

    /// <summary>The body parsed back as JSON; for tests and hosts that post-process.</summary>
    public JsonElement ParseBody() => JsonDocument.Parse(Body ?? "null").RootElement.Clone();
}
