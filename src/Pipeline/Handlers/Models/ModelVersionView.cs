namespace Platform.Pipeline.Handlers.Models;

/// <summary>One published version of a model: its metrics and, when the package has one, the link to its model card.</summary>
public sealed record ModelVersionView(string Version, bool Current, HeadlineMetrics? Metrics, Uri? Card);
