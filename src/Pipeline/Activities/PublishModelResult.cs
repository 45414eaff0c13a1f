namespace Platform.Pipeline.Activities;

/// <summary>Where the version went and whether <c>current.json</c> now points to it, with the gate's reason.</summary>
public sealed record PublishModelResult(string Version, bool Promoted, string Reason, string? PreviousVersion);
