namespace Platform.EndToEnd.Browser;

/// <summary>A model and its two published versions, in the order they were trained.</summary>
public sealed record TwoVersions(string Model, string First, string Second);
