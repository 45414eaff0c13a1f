using System.Text.Json;

namespace Platform.Infrastructure.Tests;

/// <summary>main.bicep compiled once per test run (bicep build --stdout), with its module resources flattened.</summary>
public sealed class CompiledTemplate : IDisposable
{
    private readonly JsonDocument document;

    public CompiledTemplate()
    {
        Build = BicepCli.Run("build", RepoPaths.MainBicep, "--stdout");
        if (Build.ExitCode != 0)
        {
            throw new InvalidOperationException($"bicep build failed ({Build.ExitCode}):\n{Build.Error}");
        }

        Json = Build.Output;
        document = JsonDocument.Parse(Json);
        Resources = Flatten(document.RootElement, "main").ToList();
    }

    internal CliResult Build { get; }

    internal string Json { get; }

    internal JsonElement Root => document.RootElement;

    internal IReadOnlyList<ArmResource> Resources { get; }

    internal IReadOnlyList<ArmResource> OfType(string type) =>
        Resources.Where(resource => string.Equals(resource.Type, type, StringComparison.OrdinalIgnoreCase)).ToList();

    internal ArmResource Single(string type)
    {
        var matches = OfType(type);
        Assert.True(matches.Count == 1, $"Expected exactly one {type}, found {matches.Count}.");
        return matches[0];
    }

    /// <summary>The template of a module (the nested deployment's inner template).</summary>
    internal JsonElement Module(string name) =>
        OfType("Microsoft.Resources/deployments").Single(deployment => deployment.Name == name)
            .Properties.GetProperty("template");

    /// <summary>The modules main.bicep deploys before <paramref name="name"/> (its <c>dependsOn</c>).</summary>
    internal IReadOnlyList<string> ModulesBefore(string name)
    {
        var module = OfType("Microsoft.Resources/deployments").Single(deployment => deployment.Name == name && deployment.Module == "main");
        return module.Element.TryGetProperty("dependsOn", out var dependsOn)
            ? dependsOn.EnumerateArray().SelectMany(entry => ArmJson.DeploymentReferences(entry.GetString()!)).ToList()
            : [];
    }

    public void Dispose() => document.Dispose();

    private static IEnumerable<ArmResource> Flatten(JsonElement template, string module)
    {
        var resources = template.GetProperty("resources");
        // Templates with symbolic names (languageVersion 2.0) hold resources in an object.
        var items = resources.ValueKind == JsonValueKind.Object
            ? resources.EnumerateObject().Select(property => property.Value)
            : resources.EnumerateArray();
        foreach (var resource in items)
        {
            var type = resource.GetProperty("type").GetString()!;
            var name = resource.GetProperty("name").GetString()!;
            yield return new ArmResource(type, name, resource, template, module);
            if (type == "Microsoft.Resources/deployments")
            {
                foreach (var nested in Flatten(resource.GetProperty("properties").GetProperty("template"), name))
                {
                    yield return nested;
                }
            }
        }
    }
}
