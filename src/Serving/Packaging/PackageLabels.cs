namespace Platform.Modeling.Packaging;

/// <summary>Content of <c>labels.json</c>: the label order of the head and, for multi-label models, the tuned thresholds.</summary>
public sealed record PackageLabels(IReadOnlyList<string> Labels, bool MultiLabel, IReadOnlyList<float>? Thresholds);
