namespace Platform.Pipeline.Handlers;

/// <summary>
/// An RFC 9457 problem detail. <see cref="Errors"/> (validation problems only) maps the name of each
/// rejected field, e.g. <c>training.epochs</c>, to what is wrong with it.
/// </summary>
public sealed record ProblemDocument(
    string Type,
    string Title,
    int Status,
    string Detail,
    IReadOnlyDictionary<string, string[]>? Errors = null,
    string? Instance = null);
