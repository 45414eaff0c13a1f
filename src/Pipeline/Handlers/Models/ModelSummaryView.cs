namespace Platform.Pipeline.Handlers.Models;

/// <summary>One entry of <c>GET /api/models</c>: the current version, why it is current, and its headline metrics.</summary>
public sealed record ModelSummaryView(
    string Name, string Version, string? JobId, DateTimeOffset? PublishedAt, string? Reason, bool? Overridden, HeadlineMetrics? Metrics, ModelLinks Links);
