namespace Platform.Shared.Jobs;

/// <summary>Blob names inside the <c>models</c> container.</summary>
public static class ModelBlobs
{
    public static string VersionPrefix(string model, string version) => $"{model}/{version}/";

    public static string Current(string model) => $"{model}/current.json";
}
