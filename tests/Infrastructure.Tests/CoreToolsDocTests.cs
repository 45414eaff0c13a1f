using System.Text.Json;
using System.Text.RegularExpressions;
using Platform.Shared.Jobs;

namespace Platform.Infrastructure.Tests;

/// <summary>
/// docs/core-tools.md cannot be run here (no Core Tools); its commands at least name flags, keys and
/// body properties that exist, and its broker queue is configured like the Azure one.
/// </summary>
[Collection(TemplateCollection.Name)]
public sealed partial class CoreToolsDocTests(CompiledTemplate template)
{
    private static readonly string Doc = File.ReadAllText(RepoPaths.Combine("docs", "core-tools.md"));

    [Fact]
    public void Doc_SaysThatCiDoesNotRunIt_AndIsLinkedFromTheReadme()
    {
        Assert.Contains("Not exercised in this repository's CI", Doc, StringComparison.Ordinal);
        Assert.Contains("(docs/core-tools.md)", File.ReadAllText(RepoPaths.Combine("README.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void BrokerCommand_UsesFlagsTheBrokerCliDeclares()
    {
        var cli = File.ReadAllText(RepoPaths.Combine("src", "ServiceBusEmulator", "Cli", "EmulatorCli.cs"));
        var arguments = BrokerCommand().Match(Doc);

        Assert.True(arguments.Success, "docs/core-tools.md no longer starts the broker with dotnet run --project src/ServiceBusEmulator -- ….");
        var flags = Flag().Matches(arguments.Groups[1].Value).Select(match => match.Value).ToList();
        Assert.Contains("--port", flags);
        Assert.All(flags, flag => Assert.Contains($"\"{flag}\"", cli, StringComparison.Ordinal));
    }

    [Fact]
    public void RunnerVariables_AreKeysOfTheRunnerConfiguration_AndReachTheBrokerTheAppUses()
    {
        using var appsettings = JsonDocument.Parse(File.ReadAllText(RepoPaths.Combine("src", "GpuJobRunner", "appsettings.json")));
        using var local = JsonDocument.Parse(File.ReadAllText(RepoPaths.Combine("src", "Functions", "local.settings.template.json")));
        var variables = EnvironmentAssignment().Matches(Doc).ToDictionary(match => match.Groups["name"].Value, match => match.Groups["value"].Value.Trim('"'));

        Assert.Contains("ServiceBus__ConnectionString", variables.Keys);
        foreach (var name in variables.Keys)
        {
            var node = appsettings.RootElement;
            foreach (var key in name.Split("__"))
            {
                Assert.True(node.TryGetProperty(key, out node), $"docs/core-tools.md sets {name}, which names no key of src/GpuJobRunner/appsettings.json.");
            }
        }

        Assert.Equal(local.RootElement.GetProperty("Values").GetProperty("ServiceBus__ConnectionString").GetString(), variables["ServiceBus__ConnectionString"]);
        Assert.Contains($"sb://127.0.0.1:{BrokerPort().Match(Doc).Groups[1].Value};", variables["ServiceBus__ConnectionString"], StringComparison.Ordinal);
    }

    [Fact]
    public void StartJobBody_UsesOnlyPropertiesTheParserKnows()
    {
        var parser = File.ReadAllText(RepoPaths.Combine("src", "Pipeline", "Handlers", "Jobs", "StartJobRequestParser.cs"));
        var known = KnownProperties().Match(parser).Groups[1].Value.Split(',').Select(name => name.Trim().Trim('"')).ToHashSet(StringComparer.Ordinal);
        using var body = JsonDocument.Parse(StartJobBody().Match(Doc).Groups[1].Value);
        var names = body.RootElement.EnumerateObject().Select(property => property.Name).ToList();

        Assert.Contains("model", names);
        Assert.Contains("dataset", names);
        Assert.All(names, name => Assert.Contains(name, known));
    }

    [Fact]
    public void BrokerQueue_IsConfiguredLikeTheAzureQueue()
    {
        using var config = JsonDocument.Parse(BrokerConfig().Match(Doc).Groups[1].Value);
        var queue = config.RootElement.GetProperty("UserConfig").GetProperty("Namespaces")[0].GetProperty("Queues")[0];
        var properties = queue.GetProperty("Properties");
        var azure = template.Single("Microsoft.ServiceBus/namespaces/queues").Properties;

        Assert.Equal(StorageNames.TrainingJobsQueue, queue.GetProperty("Name").GetString());
        Assert.Equal(azure.GetProperty("maxDeliveryCount").GetInt32(), properties.GetProperty("MaxDeliveryCount").GetInt32());
        Assert.Equal(azure.GetProperty("requiresDuplicateDetection").GetBoolean(), properties.GetProperty("RequiresDuplicateDetection").GetBoolean());
        Assert.Equal(azure.GetProperty("duplicateDetectionHistoryTimeWindow").GetString(), properties.GetProperty("DuplicateDetectionHistoryTimeWindow").GetString());
        Assert.Equal(azure.GetProperty("defaultMessageTimeToLive").GetString(), properties.GetProperty("DefaultMessageTimeToLive").GetString());
        Assert.Equal(azure.GetProperty("deadLetteringOnMessageExpiration").GetBoolean(), properties.GetProperty("DeadLetteringOnMessageExpiration").GetBoolean());
    }

    [GeneratedRegex(@"dotnet run --project src/ServiceBusEmulator -- ([^\r\n]+)")]
    private static partial Regex BrokerCommand();

    [GeneratedRegex(@"--project src/ServiceBusEmulator -- --port (\d+)")]
    private static partial Regex BrokerPort();

    [GeneratedRegex(@"--[a-z][a-z-]*")]
    private static partial Regex Flag();

    // NAME__KEY=value at the start of a line (the runner's environment in a shell block).
    [GeneratedRegex(@"^(?<name>[A-Za-z]+__[A-Za-z]+)=(?<value>""[^""]*""|\S+)", RegexOptions.Multiline)]
    private static partial Regex EnvironmentAssignment();

    [GeneratedRegex(@"Known = \[([^\]]+)\]")]
    private static partial Regex KnownProperties();

    [GeneratedRegex(@"/api/jobs -H ""Content-Type: application/json"" \\\s*\n\s*-d '([^']+)'")]
    private static partial Regex StartJobBody();

    [GeneratedRegex(@"<<'EOF'\n(.*?)\nEOF", RegexOptions.Singleline)]
    private static partial Regex BrokerConfig();
}
