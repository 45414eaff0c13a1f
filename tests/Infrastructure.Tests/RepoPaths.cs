using System.Reflection;
using Platform.TestSupport;

namespace Platform.Infrastructure.Tests;

/// <summary>Locates the repository (the folder holding Platform.sln) and the Bicep CLI.</summary>
internal static class RepoPaths
{
    public static string Root => RepositoryRoot.Path;

    public static string InfraDirectory => Path.Combine(Root, "infra", "bicep");

    public static string MainBicep => Path.Combine(InfraDirectory, "main.bicep");

    /// <summary>The CLI restored by NuGet (Azure.Bicep.CommandLine.linux-x64), path from $(BicepPath).</summary>
    public static string Bicep { get; } = FindBicep();

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindBicep()
    {
        var path = typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(attribute => attribute.Key == "BicepPath")?.Value;
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            throw new InvalidOperationException(
                $"The Bicep CLI was not restored (BicepPath '{path}'). Restore tests/Infrastructure.Tests on linux-x64.");
        }

        return path;
    }
}
