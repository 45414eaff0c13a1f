using System.Text.RegularExpressions;

namespace Platform.Infrastructure.Tests;

/// <summary>Outputs are what azd writes to .env: UPPER_SNAKE, and everything the hooks and azd itself read.</summary>
[Collection(TemplateCollection.Name)]
public sealed partial class OutputTests(CompiledTemplate template)
{
    private HashSet<string> Outputs() =>
        template.Root.GetProperty("outputs").EnumerateObject().Select(output => output.Name).ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void Outputs_AreUpperSnakeCase()
    {
        Assert.All(Outputs(), name => Assert.Matches(UpperSnake(), name));
    }

    [Theory]
    // azd pushes the runner image to this registry.
    [InlineData("AZURE_CONTAINER_REGISTRY_ENDPOINT")]
    [InlineData("AZURE_RESOURCE_GROUP")]
    [InlineData("AZURE_FUNCTION_APP_NAME")]
    [InlineData("AZURE_FUNCTION_URI")]
    [InlineData("AZURE_STORAGE_ACCOUNT_NAME")]
    [InlineData("AZURE_SERVICEBUS_FULLY_QUALIFIED_NAMESPACE")]
    [InlineData("AZURE_RUNNER_JOB_NAME")]
    public void Outputs_IncludeWhatAzdAndTheDocsUse(string name)
    {
        Assert.Contains(name, Outputs());
    }

    [Theory]
    [InlineData("postdeploy.sh")]
    [InlineData("postdeploy.ps1")]
    public void Hooks_ReadOnlyVariablesTheTemplateOutputs(string hook)
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "infra", "hooks", hook));
        var used = AzureVariable().Matches(text).Select(match => match.Value).ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(used);
        Assert.All(used, name => Assert.Contains(name, Outputs()));
    }

    [GeneratedRegex("^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$")]
    private static partial Regex UpperSnake();

    [GeneratedRegex(@"\bAZURE_[A-Z0-9_]+\b")]
    private static partial Regex AzureVariable();
}
