namespace Platform.Infrastructure.Tests;

/// <summary>Least privilege: each identity holds exactly the data roles its code needs, never a control-plane role.</summary>
[Collection(TemplateCollection.Name)]
public sealed class RoleAssignmentTests(CompiledTemplate template)
{
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageBlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
    private const string StorageBlobDataReader = "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string ServiceBusDataSender = "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39";
    private const string ServiceBusDataReceiver = "4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0";
    private const string ServiceBusDataOwner = "090c5cfd-751d-490a-894a-3ce6f1109419";
    private const string AcrPull = "7f951dda-4ed3-4680-a7ca-43fe172d538d";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";
    private const string EventGridDataSender = "d5a91429-5739-47e2-a06b-3470a27159e7";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";

    private IReadOnlyList<(string Principal, string Role, string Scope)> Assignments() =>
        template.OfType("Microsoft.Authorization/roleAssignments").Select(assignment =>
        {
            var principal = ArmJson.ParameterReference(assignment.Properties.GetProperty("principalId").GetString()!)!;
            var roleExpression = assignment.Properties.GetProperty("roleDefinitionId").GetString()!;
            var roleVariable = ArmJson.VariableReferences(roleExpression).Single();
            var role = assignment.Variable(roleVariable)!.Value.GetString()!;
            return (principal, role, assignment.Element.GetProperty("scope").GetString()!);
        }).ToList();

    private HashSet<string> RolesOf(string principal) =>
        Assignments().Where(assignment => assignment.Principal == principal).Select(assignment => assignment.Role).ToHashSet();

    [Fact]
    public void Functions_GetHostStorageOrchestrationDispatchTelemetryAndNotificationRoles()
    {
        string[] expected = [StorageBlobDataOwner, StorageQueueDataContributor, StorageTableDataContributor, ServiceBusDataSender, MonitoringMetricsPublisher,
            EventGridDataSender, KeyVaultSecretsUser];

        Assert.Equal(expected.Order(), RolesOf("functionsPrincipalId").Order());
    }

    [Fact]
    public void Runner_GetsReceiverJobDataEventQueuePullAndTelemetryRoles()
    {
        string[] expected = [StorageBlobDataContributor, StorageBlobDataReader, StorageQueueDataContributor, ServiceBusDataReceiver, AcrPull, MonitoringMetricsPublisher];

        Assert.Equal(expected.Order(), RolesOf("runnerPrincipalId").Order());
    }

    [Theory]
    // The Functions host opens AzureWebJobsStorage and the deployment package on its first start.
    [InlineData("functions", "functionsPrincipalId")]
    // The job pulls its image with the runner identity and KEDA polls the queue with the scaler's.
    [InlineData("runner-job", "runnerPrincipalId")]
    [InlineData("runner-job", "scalerPrincipalId")]
    public void Workload_IsDeployedAfterEveryRoleAssignmentOfItsIdentity(string workload, string principal)
    {
        var assigningModules = template.OfType("Microsoft.Authorization/roleAssignments")
            .Where(assignment => ArmJson.ParameterReference(assignment.Properties.GetProperty("principalId").GetString()!) == principal)
            .Select(assignment => assignment.Module)
            .Distinct()
            .ToList();

        Assert.NotEmpty(assigningModules);
        Assert.All(assigningModules, module => Assert.True(
            template.ModulesBefore(workload).Contains(module),
            $"Module '{workload}' must depend on '{module}', which assigns the roles of {principal}; otherwise its first start can fail with 403."));
    }

    [Fact]
    public void Functions_NotificationRolesAreScopedToTheTopicAndTheOneSecret()
    {
        var functions = Assignments().Where(assignment => assignment.Principal == "functionsPrincipalId").ToList();

        Assert.Contains("Microsoft.EventGrid/topics", functions.Single(assignment => assignment.Role == EventGridDataSender).Scope, StringComparison.Ordinal);
        Assert.Contains("Microsoft.KeyVault/vaults/secrets", functions.Single(assignment => assignment.Role == KeyVaultSecretsUser).Scope, StringComparison.Ordinal);
    }

    [Fact]
    public void Runner_StorageRolesAreScopedToItsContainersAndQueue()
    {
        var runner = Assignments().Where(assignment => assignment.Principal == "runnerPrincipalId").ToList();

        Assert.Contains("blobServices/containers", runner.Single(assignment => assignment.Role == StorageBlobDataContributor).Scope, StringComparison.Ordinal);
        Assert.Contains("'jobs'", runner.Single(assignment => assignment.Role == StorageBlobDataContributor).Scope, StringComparison.Ordinal);
        Assert.Contains("'base-models'", runner.Single(assignment => assignment.Role == StorageBlobDataReader).Scope, StringComparison.Ordinal);
        Assert.Contains("queueServices/queues", runner.Single(assignment => assignment.Role == StorageQueueDataContributor).Scope, StringComparison.Ordinal);
        Assert.Contains("'training-events'", runner.Single(assignment => assignment.Role == StorageQueueDataContributor).Scope, StringComparison.Ordinal);
    }

    [Fact]
    public void Runner_MayCreateTheEventsQueue_AsItsPublisherDoesBeforeSending()
    {
        // TrainingEventPublisher calls CreateIfNotExists before its first send. Create Queue needs
        // queues/write, which Storage Queue Data Message Sender lacks: with that role every training
        // event failed with 403 in Azure and the orchestration never heard of a finished run.
        var publisher = File.ReadAllText(RepoPaths.Combine("src", "Runner", "Messaging", "TrainingEventPublisher.cs"));
        Assert.Contains("CreateIfNotExistsAsync", publisher, StringComparison.Ordinal);

        var queueRoles = Assignments().Where(assignment => assignment.Principal == "runnerPrincipalId" && assignment.Scope.Contains("queueServices/queues", StringComparison.Ordinal));

        Assert.Contains(queueRoles, assignment => assignment.Role == StorageQueueDataContributor);
    }

    [Fact]
    public void Scaler_OwnsOnlyTheTrainingJobsQueue()
    {
        var scaler = Assert.Single(Assignments(), assignment => assignment.Principal == "scalerPrincipalId");

        Assert.Equal(ServiceBusDataOwner, scaler.Role);
        Assert.Contains("Microsoft.ServiceBus/namespaces/queues", scaler.Scope, StringComparison.Ordinal);
        Assert.DoesNotContain(Assignments(), assignment => assignment.Role == ServiceBusDataOwner && assignment.Principal != "scalerPrincipalId");
    }

    [Fact]
    public void ServiceBusRoles_AreScopedToTheQueue()
    {
        Assert.All(
            Assignments().Where(assignment => assignment.Role is ServiceBusDataSender or ServiceBusDataReceiver or ServiceBusDataOwner),
            assignment => Assert.Contains("Microsoft.ServiceBus/namespaces/queues", assignment.Scope, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("8e3af657-a8ff-443c-a75c-2fe8c4bcb635")] // Owner
    [InlineData("b24988ac-6180-42a0-ab88-20f7382dd24c")] // Contributor
    [InlineData("18d7d88d-d35e-4fb5-a5c3-7773c20a72d9")] // User Access Administrator
    [InlineData("17d1049b-9a84-46fb-8f53-869881c3d3ab")] // Storage Account Contributor (can list keys)
    [InlineData("81a9662b-bebf-436f-a333-f67b29880f12")] // Storage Account Key Operator Service Role
    public void NoIdentity_GetsAControlPlaneRole(string role)
    {
        Assert.DoesNotContain(Assignments(), assignment => assignment.Role == role);
        Assert.DoesNotContain(role, template.Json, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void RoleGuids_AreNamedVariablesWithTheRoleInAComment()
    {
        var rbac = File.ReadAllLines(Path.Combine(RepoPaths.InfraDirectory, "app", "rbac.bicep"));

        for (var i = 0; i < rbac.Length; i++)
        {
            if (rbac[i].StartsWith("var ", StringComparison.Ordinal) && rbac[i].Contains("RoleId = '", StringComparison.Ordinal))
            {
                Assert.True(i > 0 && rbac[i - 1].TrimStart().StartsWith("//", StringComparison.Ordinal), $"rbac.bicep line {i + 1}: name the role in a comment above.");
            }
        }
    }
}
