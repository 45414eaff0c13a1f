namespace Platform.Pipeline.Handlers.Models;

/// <summary>
/// Answer of <c>GET /api/models/{model}</c>: the current version (null when none is promoted), why it is current (the
/// promotion gate's decision, or an override and its reason), and every version.
/// </summary>
public sealed record ModelDetailView(
    string Name,
    string? Current,
    string? JobId,
    DateTimeOffset? PublishedAt,
    string? Reason,
    bool? Overridden,
    IReadOnlyList<ModelVersionView> Versions,
    ModelLinks Links);
