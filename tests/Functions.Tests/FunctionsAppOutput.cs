using System.Reflection;

namespace Platform.Functions.Tests;

/// <summary>The build output of src/Functions in the configuration these tests were built in: what the Functions host runs.</summary>
internal static class FunctionsAppOutput
{
    public static string Folder { get; } = Path.Combine(
        TestSupport.RepositoryRoot.Path, "src", "Functions", "bin", Configuration, "net10.0");

    private static string Configuration =>
        typeof(FunctionsAppOutput).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
}
