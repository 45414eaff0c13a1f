namespace Platform.Infrastructure.Tests;

/// <summary>The template compiles and lints clean with the CLI restored from NuGet, offline.</summary>
[Collection(TemplateCollection.Name)]
public sealed class BicepCliTests(CompiledTemplate template)
{
    [Fact]
    public void Build_MainBicep_HasNoErrorsOrWarnings()
    {
        Assert.Equal(0, template.Build.ExitCode);
        Assert.Empty(template.Build.Diagnostics);
    }

    [Fact]
    public void Lint_MainBicep_HasNoErrorsOrWarnings()
    {
        var lint = BicepCli.Run("lint", RepoPaths.MainBicep);

        Assert.True(lint.ExitCode == 0, $"bicep lint exited {lint.ExitCode}:\n{lint.Output}\n{lint.Error}");
        Assert.Empty(lint.Diagnostics);
    }

    [Fact]
    public void Build_MainBicep_TargetsTheSubscriptionAndCreatesTheResourceGroup()
    {
        Assert.Contains("subscriptionDeploymentTemplate", template.Root.GetProperty("$schema").GetString(), StringComparison.Ordinal);
        var group = template.Single("Microsoft.Resources/resourceGroups");
        Assert.Contains("azd-env-name", template.Root.GetProperty("variables").GetProperty("tags").GetRawText(), StringComparison.Ordinal);
        Assert.Equal("[variables('tags')]", group.Element.GetProperty("tags").GetString());
    }

    [Fact]
    public void ParametersFile_SetsOnlyParametersMainDeclares()
    {
        using var parameters = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.InfraDirectory, "main.parameters.json")));
        var declared = template.Root.GetProperty("parameters").EnumerateObject().Select(parameter => parameter.Name).ToHashSet(StringComparer.Ordinal);

        Assert.All(parameters.RootElement.GetProperty("parameters").EnumerateObject(), parameter => Assert.Contains(parameter.Name, declared));
        Assert.Contains("${AZURE_ENV_NAME}", parameters.RootElement.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_MainBicep_UsesNoRegistryModules()
    {
        var bicepFiles = Directory.EnumerateFiles(RepoPaths.InfraDirectory, "*.bicep", SearchOption.AllDirectories);

        foreach (var file in bicepFiles)
        {
            var text = File.ReadAllText(file);
            Assert.DoesNotContain("'br:", text, StringComparison.Ordinal);
            Assert.DoesNotContain("'br/", text, StringComparison.Ordinal);
            Assert.DoesNotContain("'ts:", text, StringComparison.Ordinal);
        }
    }
}
