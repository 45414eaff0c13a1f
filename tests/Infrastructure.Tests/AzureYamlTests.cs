using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Platform.Infrastructure.Tests;

/// <summary>azure.yaml points at projects, Dockerfiles, infrastructure and hooks that exist.</summary>
public sealed class AzureYamlTests
{
    private static readonly string YamlPath = RepoPaths.Combine("azure.yaml");

    private static YamlMappingNode Load()
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(YamlPath);
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private static YamlMappingNode Map(YamlMappingNode node, string key) => (YamlMappingNode)node.Children[new YamlScalarNode(key)];

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node.Children[new YamlScalarNode(key)]).Value!;

    [Fact]
    public void AzureYaml_StartsWithTheSchemaComment()
    {
        var first = File.ReadLines(YamlPath).First();

        Assert.StartsWith("# yaml-language-server: $schema=", first, StringComparison.Ordinal);
        Assert.EndsWith("/schemas/v1.0/azure.yaml.json", first, StringComparison.Ordinal);
    }

    [Fact]
    public void RequiredVersions_AskForAnAzdThatDeploysContainerAppsJobs()
    {
        // The runner is a Microsoft.App/jobs resource behind `host: containerapp`; azd deploys jobs
        // that way from 1.23.8 on (Azure/azure-dev#7001). An older azd fails only at `azd deploy`,
        // after provisioning, so the floor is declared where azd checks it first.
        var range = Scalar(Map(Load(), "requiredVersions"), "azd");
        var match = Regex.Match(range, @"^>=\s*(\d+\.\d+\.\d+)$");

        Assert.True(match.Success, $"requiredVersions.azd should be a plain lower bound such as '>= 1.23.8', got '{range}'.");
        Assert.True(Version.Parse(match.Groups[1].Value) >= new Version(1, 23, 8), $"azd {match.Groups[1].Value} cannot deploy a Container Apps job through host: containerapp.");
        Assert.Contains("Azure/azure-dev#7001", File.ReadAllText(YamlPath), StringComparison.Ordinal);
        Assert.Contains($"{match.Groups[1].Value} or later", File.ReadAllText(RepoPaths.Combine("docs", "deploy.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void Infra_IsBicepAtAnExistingPath()
    {
        var infra = Map(Load(), "infra");

        Assert.Equal("bicep", Scalar(infra, "provider"));
        Assert.True(File.Exists(RepoPaths.Combine(Scalar(infra, "path"), "main.bicep")));
        Assert.True(File.Exists(RepoPaths.Combine(Scalar(infra, "path"), "main.parameters.json")));
    }

    [Theory]
    [InlineData("functions", "src/Functions", "function")]
    [InlineData("runner", "src/GpuJobRunner", "containerapp")]
    public void Service_PointsAtAnExistingDotnetProject(string name, string project, string host)
    {
        var service = Map(Map(Load(), "services"), name);
        var projectPath = Path.GetFullPath(RepoPaths.Combine(Scalar(service, "project")));

        Assert.Equal(Path.GetFullPath(RepoPaths.Combine(project)), projectPath.TrimEnd('/'));
        Assert.Single(Directory.GetFiles(projectPath, "*.csproj"));
        Assert.Equal("dotnet", Scalar(service, "language"));
        Assert.Equal(host, Scalar(service, "host"));
    }

    [Fact]
    public void Services_AreExactlyTheTaggedOnes()
    {
        var services = Map(Load(), "services").Children.Keys.Select(key => ((YamlScalarNode)key).Value).Order();
        var tagged = Directory.EnumerateFiles(Path.Combine(RepoPaths.InfraDirectory, "app"), "*.bicep")
            .SelectMany(File.ReadLines)
            .Where(line => line.Contains("'azd-service-name':", StringComparison.Ordinal))
            .Select(line => line.Split("'azd-service-name':")[1].Split('\'')[1])
            .Order();

        Assert.Equal(services, tagged);
    }

    [Fact]
    public void Runner_BuildsFromItsDockerfileWithTheRepositoryAsContext()
    {
        var service = Map(Map(Load(), "services"), "runner");
        var docker = Map(service, "docker");
        var projectPath = RepoPaths.Combine(Scalar(service, "project"));

        Assert.True(File.Exists(Path.Combine(projectPath, Scalar(docker, "path"))));
        var context = Path.GetFullPath(Path.Combine(projectPath, Scalar(docker, "context")));
        Assert.Equal(RepoPaths.Root.TrimEnd('/'), context.TrimEnd('/'));
        Assert.True(File.Exists(Path.Combine(context, ".dockerignore")));
    }

    [Fact]
    public void Hooks_ExistForPosixAndPowerShell()
    {
        var hooks = Map(Load(), "hooks");

        Assert.NotEmpty(hooks.Children);
        foreach (var (_, hook) in hooks.Children)
        {
            var posix = (YamlMappingNode)((YamlMappingNode)hook).Children[new YamlScalarNode("posix")];
            var windows = (YamlMappingNode)((YamlMappingNode)hook).Children[new YamlScalarNode("windows")];
            Assert.Equal("sh", Scalar(posix, "shell"));
            Assert.Equal("pwsh", Scalar(windows, "shell"));
            Assert.True(File.Exists(RepoPaths.Combine(Scalar(posix, "run"))), Scalar(posix, "run"));
            Assert.True(File.Exists(RepoPaths.Combine(Scalar(windows, "run"))), Scalar(windows, "run"));
            Assert.EndsWith(".ps1", Scalar(windows, "run"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void PosixHook_IsExecutable()
    {
        var hook = RepoPaths.Combine("infra", "hooks", "postdeploy.sh");
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        Assert.True((File.GetUnixFileMode(hook) & UnixFileMode.UserExecute) != 0, "chmod +x infra/hooks/postdeploy.sh");
    }
}
