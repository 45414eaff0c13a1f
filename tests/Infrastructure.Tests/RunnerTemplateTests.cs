using System.Globalization;
using System.Text.Json;

namespace Platform.Infrastructure.Tests;

/// <summary>The GPU runner: a GPU workload profile and an event-driven job scaled by KEDA with an identity.</summary>
[Collection(TemplateCollection.Name)]
public sealed class RunnerTemplateTests(CompiledTemplate template)
{
    [Fact]
    public void RunnerCompute_OffersT4A100AndCpuAndDefaultsToGpu()
    {
        var parameter = template.Root.GetProperty("parameters").GetProperty("runnerCompute");

        Assert.Equal(new[] { "T4", "A100", "CPU" }, parameter.GetProperty("allowedValues").EnumerateArray().Select(value => value.GetString()));
        Assert.Equal("T4", parameter.GetProperty("defaultValue").GetString());
    }

    [Fact]
    public void Environment_DeclaresServerlessGpuWorkloadProfiles()
    {
        var environment = template.Single("Microsoft.App/managedEnvironments");
        var strings = ArmJson.Strings(environment.Template).ToHashSet(StringComparer.Ordinal);

        Assert.NotNull(environment.Find("properties.workloadProfiles"));
        Assert.Contains("Consumption-GPU-NC8as-T4", strings);
        Assert.Contains("Consumption-GPU-NC24-A100", strings);
    }

    [Fact]
    public void Job_RunsOnTheEnvironmentsRunnerProfile()
    {
        var job = template.Single("Microsoft.App/jobs");
        var mainModule = template.OfType("Microsoft.Resources/deployments").Single(module => module.Name == "runner-job");
        var passed = mainModule.Properties.GetProperty("parameters").GetProperty("workloadProfileName").GetProperty("value").GetString();

        Assert.Equal("[parameters('workloadProfileName')]", job.Find("properties.workloadProfileName")?.GetString());
        Assert.Contains("runnerWorkloadProfileName", passed, StringComparison.Ordinal);
    }

    [Fact]
    public void Job_IsEventTriggeredByServiceBusWithManagedIdentity()
    {
        var job = template.Single("Microsoft.App/jobs");

        Assert.Equal("Event", job.Find("properties.configuration.triggerType")?.GetString());
        var rule = Assert.Single(job.Find("properties.configuration.eventTriggerConfig.scale.rules")!.Value.EnumerateArray());
        Assert.Equal("azure-servicebus", rule.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(rule.GetProperty("identity").GetString()));
        Assert.False(rule.TryGetProperty("auth", out _), "The scale rule must not authenticate with a connection-string secret.");
        Assert.True(rule.GetProperty("metadata").TryGetProperty("namespace", out _));
        Assert.True(rule.GetProperty("metadata").TryGetProperty("queueName", out _));
        Assert.Equal("1", rule.GetProperty("metadata").GetProperty("messageCount").GetString());
        Assert.Equal(0, job.Find("properties.configuration.eventTriggerConfig.scale.minExecutions")!.Value.GetInt32());
    }

    [Fact]
    public void Job_ScalesWithTheScalerIdentityAndKeepsItOutOfTheContainer()
    {
        // The scaler identity holds Azure Service Bus Data Owner on the queue (KEDA reads the message
        // count through the management API, which needs Manage). Only the platform may use it: with the
        // default lifecycle (All) the runner's code could mint a token for it from the identity endpoint.
        var job = template.Single("Microsoft.App/jobs");
        var rule = Assert.Single(job.Find("properties.configuration.eventTriggerConfig.scale.rules")!.Value.EnumerateArray());
        var registry = Assert.Single(job.Find("properties.configuration.registries")!.Value.EnumerateArray());
        var lifecycles = job.Find("properties.configuration.identitySettings")!.Value.EnumerateArray()
            .ToDictionary(setting => setting.GetProperty("identity").GetString()!, setting => setting.GetProperty("lifecycle").GetString());

        Assert.Equal("[parameters('scalerIdentityId')]", rule.GetProperty("identity").GetString());
        Assert.Equal("None", lifecycles["[parameters('scalerIdentityId')]"]);
        Assert.NotEqual(rule.GetProperty("identity").GetString(), registry.GetProperty("identity").GetString());
        Assert.NotEqual("None", lifecycles.GetValueOrDefault(registry.GetProperty("identity").GetString()!, "All"));

        var container = Assert.Single(job.Find("properties.template.containers")!.Value.EnumerateArray());
        var clientId = container.GetProperty("env").EnumerateArray().Single(variable => variable.GetProperty("name").GetString() == "AZURE_CLIENT_ID");
        Assert.Equal("[parameters('runnerClientId')]", clientId.GetProperty("value").GetString());
    }

    [Fact]
    public void ScaleRuleIdentity_IsTheIdentityThatHoldsTheQueueOwnerRole()
    {
        // main.bicep hands the scaler identity to the job and its principal to rbac.bicep; both must be
        // the same identity, or KEDA polls without Manage rights and no execution ever starts.
        var main = template.OfType("Microsoft.Resources/deployments").Where(module => module.Module == "main").ToList();
        string Passed(string module, string parameter) =>
            main.Single(deployment => deployment.Name == module).Properties.GetProperty("parameters").GetProperty(parameter).GetProperty("value").GetString()!;
        var identityOutputs = main.Single(deployment => deployment.Name == "identity").Properties.GetProperty("template").GetProperty("outputs");
        string Declared(string output) => identityOutputs.GetProperty(output).GetProperty("value").GetString()!;

        Assert.Equal(["identity"], ArmJson.DeploymentReferences(Passed("runner-job", "scalerIdentityId")));
        Assert.EndsWith(".outputs.scalerIdentityId.value]", Passed("runner-job", "scalerIdentityId"), StringComparison.Ordinal);
        Assert.Equal(["identity"], ArmJson.DeploymentReferences(Passed("rbac", "scalerPrincipalId")));
        Assert.EndsWith(".outputs.scalerPrincipalId.value]", Passed("rbac", "scalerPrincipalId"), StringComparison.Ordinal);
        Assert.Contains("parameters('scalerIdentityName')", Declared("scalerIdentityId"), StringComparison.Ordinal);
        Assert.Contains("parameters('scalerIdentityName')", Declared("scalerPrincipalId"), StringComparison.Ordinal);
    }

    [Fact]
    public void Job_HasBoundedTimeoutAndRetriesAndNoSecrets()
    {
        var job = template.Single("Microsoft.App/jobs");

        Assert.InRange(job.Find("properties.configuration.replicaTimeout")!.Value.GetInt32(), 600, 24 * 3600);
        Assert.InRange(job.Find("properties.configuration.replicaRetryLimit")!.Value.GetInt32(), 0, 3);
        Assert.Null(job.Find("properties.configuration.secrets"));
        var registry = Assert.Single(job.Find("properties.configuration.registries")!.Value.EnumerateArray());
        Assert.True(registry.TryGetProperty("identity", out _));
    }

    [Fact]
    public void Job_ContainerGetsIdentityBasedEndpoints()
    {
        var job = template.Single("Microsoft.App/jobs");
        var container = Assert.Single(job.Find("properties.template.containers")!.Value.EnumerateArray());
        var names = container.GetProperty("env").EnumerateArray().Select(variable => variable.GetProperty("name").GetString()).ToList();

        Assert.Contains("ServiceBus__FullyQualifiedNamespace", names);
        Assert.Contains("Storage__BlobServiceUri", names);
        Assert.Contains("Storage__QueueServiceUri", names);
        Assert.Contains("AZURE_CLIENT_ID", names);
        Assert.Contains("APPLICATIONINSIGHTS_CONNECTION_STRING", names);
        Assert.All(container.GetProperty("env").EnumerateArray(), variable => Assert.False(variable.TryGetProperty("secretRef", out _)));
    }

    [Fact]
    public void Job_ReplicaTimeout_EndsBeforeTheRunnerStopsRenewingItsLock()
    {
        // A lock that lapsed while the replica still trains would let Service Bus hand the same job to
        // a second execution. The replica timeout, not the lock renewal, must end a long run.
        var job = template.Single("Microsoft.App/jobs");
        var replicaTimeout = TimeSpan.FromSeconds(job.Find("properties.configuration.replicaTimeout")!.Value.GetInt32());
        using var appsettings = JsonDocument.Parse(File.ReadAllText(RepoPaths.Combine("src", "GpuJobRunner", "appsettings.json")));
        var renewal = TimeSpan.Parse(
            appsettings.RootElement.GetProperty("ServiceBus").GetProperty("MaxAutoLockRenewalDuration").GetString()!, CultureInfo.InvariantCulture);

        Assert.True(renewal > replicaTimeout, $"The runner renews its lock for {renewal}, the replica runs up to {replicaTimeout}.");
    }

    [Fact]
    public void Job_EnvironmentNamesAreKeysTheRunnerBinds()
    {
        // Configuration sections of the runner (appsettings.json) plus AZURE_CLIENT_ID for DefaultAzureCredential and
        // APPLICATIONINSIGHTS_CONNECTION_STRING, the conventional name the telemetry set-up (PlatformOpenTelemetry) reads.
        var job = template.Single("Microsoft.App/jobs");
        var container = Assert.Single(job.Find("properties.template.containers")!.Value.EnumerateArray());
        using var appsettings = JsonDocument.Parse(File.ReadAllText(RepoPaths.Combine("src", "GpuJobRunner", "appsettings.json")));

        foreach (var name in container.GetProperty("env").EnumerateArray().Select(variable => variable.GetProperty("name").GetString()!))
        {
            if (name is "AZURE_CLIENT_ID" or "APPLICATIONINSIGHTS_CONNECTION_STRING")
            {
                continue;
            }

            var path = name.Split("__");
            var node = appsettings.RootElement;
            foreach (var key in path)
            {
                Assert.True(node.TryGetProperty(key, out node), $"Environment variable {name} names no key of src/GpuJobRunner/appsettings.json.");
            }
        }
    }
}
