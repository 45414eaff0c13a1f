namespace Platform.Modeling.Packaging;

/// <summary>A setting the platform chose for a run (an <c>auto</c> option, a default fitted to the data): what it chose and why.</summary>
public sealed record ChosenSetting(string Setting, string Value, string Reason);
