namespace Platform.Shared.Jobs;

/// <summary>The three data splits a job writes.</summary>
public static class SplitNames
{
    public const string Train = "train";
    public const string Validation = "validation";
    public const string Test = "test";
}
