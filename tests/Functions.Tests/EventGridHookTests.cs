using System.Text.RegularExpressions;
using Platform.TestSupport;

namespace Platform.Functions.Tests;

/// <summary>The postdeploy hooks subscribe Event Grid to the blob trigger that exists, at the URL the blob extension serves.</summary>
public sealed partial class EventGridHookTests
{
    public static TheoryData<string, string> Hooks => new()
    {
        { "postdeploy.sh", """function_name="(?<name>[^"]+)"$""" },
        { "postdeploy.ps1", """^\$functionName = '(?<name>[^']+)'$""" },
    };

    [Theory]
    [MemberData(nameof(Hooks))]
    public void Hook_TargetsTheEventGridBlobTriggerOnDatasets(string hook, string functionNamePattern)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "infra", "hooks", hook));
        var name = Regex.Match(text, functionNamePattern, RegexOptions.Multiline).Groups["name"].Value;

        // The Event Grid blob trigger that FunctionMetadataTests finds on datasets/{name}.
        Assert.Equal("DatasetUploaded", name);
        Assert.Contains("/runtime/webhooks/blobs?functionName=Host.Functions.", text, StringComparison.Ordinal);
        Assert.Contains("systemKeys.blobs_extension", text, StringComparison.Ordinal);
        Assert.Contains("Microsoft.Storage.BlobCreated", text, StringComparison.Ordinal);
        Assert.Matches(SubjectPrefix(), text);
    }

    [GeneratedRegex("""/blobServices/default/containers/(\$\{container\}|\$container)/""")]
    private static partial Regex SubjectPrefix();
}
