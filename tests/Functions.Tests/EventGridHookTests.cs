using System.Text.RegularExpressions;
using Platform.TestSupport;

namespace Platform.Functions.Tests;

/// <summary>The postdeploy hooks subscribe Event Grid to the blob trigger that exists, at the URL the blob extension serves.</summary>
public sealed partial class EventGridHookTests
{
    public static TheoryData<string, string> Hooks => new()
    {
        { "postdeploy.sh", """^subscribe "[^"]+" "\$(?<container>[a-z_]+)" "(?<name>[^"]+)"$""" },
        { "postdeploy.ps1", """^Add-Subscription '[^']+' \$(?<container>[A-Za-z]+) '(?<name>[^']+)'$""" },
    };

    [Theory]
    [MemberData(nameof(Hooks))]
    public void Hook_TargetsTheEventGridBlobTriggersOnDatasetsAndScoring(string hook, string subscriptionPattern)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "infra", "hooks", hook));
        var subscriptions = Regex.Matches(text, subscriptionPattern, RegexOptions.Multiline)
            .Select(m => (Container: m.Groups["container"].Value.ToLowerInvariant(), Function: m.Groups["name"].Value))
            .ToList();

        // The Event Grid blob triggers that FunctionMetadataTests finds on datasets/{name} and scoring/{name}.
        Assert.Equal(["DatasetUploaded", "ScoringUploaded"], subscriptions.Select(s => s.Function));
        Assert.StartsWith("datasets", subscriptions[0].Container, StringComparison.Ordinal);
        Assert.StartsWith("scoring", subscriptions[1].Container, StringComparison.Ordinal);
        Assert.Contains("/runtime/webhooks/blobs?functionName=Host.Functions.", text, StringComparison.Ordinal);
        Assert.Contains("systemKeys.blobs_extension", text, StringComparison.Ordinal);
        Assert.Contains("Microsoft.Storage.BlobCreated", text, StringComparison.Ordinal);
        Assert.Matches(SubjectPrefix(), text);
    }

    [GeneratedRegex("""/blobServices/default/containers/(\$\{container\}|\$container)/""")]
    private static partial Regex SubjectPrefix();
}
