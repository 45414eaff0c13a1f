namespace Platform.Pipeline.Handlers.Models;

/// <summary>Answer of <c>GET /api/models/{model}</c>: the current version (null when none is promoted) and every version.</summary>
public sealed record ModelDetailView(
    string Name,
    string? Current,
    string? JobId,
    DateTimeOffset? PublishedAt,
    IReadOnlyList<ModelVersionView> Versions,
    ModelLinks Links);
