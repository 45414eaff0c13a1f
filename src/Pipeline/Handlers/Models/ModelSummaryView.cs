namespace Platform.Pipeline.Handlers.Models;

/// <summary>One entry of <c>GET /api/models</c>: the current version and its headline metrics.</summary>
public sealed record ModelSummaryView(string Name, string Version, string? JobId, DateTimeOffset? PublishedAt, HeadlineMetrics? Metrics, ModelLinks Links);
