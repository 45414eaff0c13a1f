using System.Xml;
using Platform.Shared.Jobs;

namespace Platform.Infrastructure.Tests;

/// <summary>The containers and queues the code uses exist, and the dispatch queue is configured as documented.</summary>
[Collection(TemplateCollection.Name)]
public sealed class StorageAndQueueTemplateTests(CompiledTemplate template)
{
    [Fact]
    public void BlobContainers_IncludeEveryContainerTheCodeUses()
    {
        var declared = template.OfType("Microsoft.Storage/storageAccounts/blobServices/containers")
            .SelectMany(ResolveLastNameSegment)
            .ToHashSet(StringComparer.Ordinal);

        Assert.Superset(declared, new HashSet<string>(StringComparer.Ordinal)
        {
            StorageNames.DatasetsContainer,
            StorageNames.JobsContainer,
            StorageNames.ModelsContainer,
            StorageNames.BaseModelsContainer,
            StorageNames.ScoringContainer,
            StorageNames.ScoringResultsContainer,
        });
    }

    [Fact]
    public void StorageQueue_TrainingEventsExists()
    {
        var queue = template.Single("Microsoft.Storage/storageAccounts/queueServices/queues");

        Assert.Equal(new[] { StorageNames.TrainingEventsQueue }, ResolveLastNameSegment(queue));
    }

    [Fact]
    public void StorageAccount_HasTableServiceForDurable()
    {
        Assert.Single(template.OfType("Microsoft.Storage/storageAccounts/tableServices"));
    }

    [Fact]
    public void ServiceBusQueue_IsTrainingJobsWithDocumentedSettings()
    {
        var queue = template.Single("Microsoft.ServiceBus/namespaces/queues");
        var properties = queue.Properties;

        Assert.Equal(new[] { StorageNames.TrainingJobsQueue }, ResolveLastNameSegment(queue));
        var lockDuration = XmlConvert.ToTimeSpan(properties.GetProperty("lockDuration").GetString()!);
        Assert.InRange(lockDuration, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5));
        Assert.InRange(properties.GetProperty("maxDeliveryCount").GetInt32(), 2, 10);
        Assert.True(properties.GetProperty("requiresDuplicateDetection").GetBoolean());
        var window = XmlConvert.ToTimeSpan(properties.GetProperty("duplicateDetectionHistoryTimeWindow").GetString()!);
        Assert.True(window >= TimeSpan.FromMinutes(10), $"Duplicate detection window {window} is too short for sender retries.");
        Assert.True(properties.GetProperty("deadLetteringOnMessageExpiration").GetBoolean());
        Assert.False(properties.GetProperty("requiresSession").GetBoolean());
    }

    [Fact]
    public void ServiceBusNamespace_IsStandardForDuplicateDetection()
    {
        var serviceBus = template.Single("Microsoft.ServiceBus/namespaces");

        Assert.Equal("Standard", serviceBus.Find("sku.name")?.GetString());
    }

    [Fact]
    public void EventGridSystemTopic_ListensToTheStorageAccount()
    {
        var topic = template.Single("Microsoft.EventGrid/systemTopics");

        Assert.Equal("Microsoft.Storage.StorageAccounts", topic.Find("properties.topicType")?.GetString());
    }

    // Child resource names compile to "[format('{0}/{1}/{2}', …, <last>)]" where <last> is a literal,
    // a variable, or a loop over an array variable.
    private static IReadOnlyList<string> ResolveLastNameSegment(ArmResource resource)
    {
        var name = resource.Name;
        var last = name.TrimEnd(']', ')').Split(", ")[^1];
        if (last.StartsWith('\'') && last.EndsWith('\''))
        {
            return [last.Trim('\'')];
        }

        var variableName = ArmJson.VariableReferences(last).SingleOrDefault();
        if (variableName is null || resource.Variable(variableName) is not { } value)
        {
            return [];
        }

        return value.ValueKind == System.Text.Json.JsonValueKind.Array
            ? value.EnumerateArray().Select(item => item.GetString()!).ToList()
            : [value.GetString()!];
    }
}
