using System.Text.Json;

namespace Platform.Functions.Tests;

/// <summary>
/// The contract with the Functions host where it is written down: the function metadata the worker SDK
/// generates at build time must list every function with its trigger. WorkerStartupTests checks that the
/// running worker reports the same to a host.
/// </summary>
public sealed class FunctionMetadataTests
{
    private static readonly Lazy<JsonElement[]> Functions = new(Load);

    public static TheoryData<string, string> Triggers()
    {
        var data = new TheoryData<string, string>();
        foreach (var (name, trigger) in ExpectedFunctions.Triggers)
        {
            data.Add(name, trigger);
        }

        return data;
    }

    public static TheoryData<string, string, string, string> HttpRoutes()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var (name, route) in ExpectedFunctions.HttpRoutes)
        {
            data.Add(name, route.Template, route.Method, route.AuthLevel);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Triggers))]
    public void Metadata_Function_HasItsTrigger(string name, string trigger)
    {
        var function = Find(name);
        Assert.Contains(function.GetProperty("bindings").EnumerateArray(), b => b.GetProperty("type").GetString() == trigger);
    }

    [Fact]
    public void Metadata_ListsNoUnexpectedFunctions()
    {
        var expected = ExpectedFunctions.Triggers.Keys.Order();
        Assert.Equal(expected, Functions.Value.Select(f => f.GetProperty("name").GetString()!).Order());
    }

    [Theory]
    [MemberData(nameof(HttpRoutes))]
    public void Metadata_HttpFunction_HasRouteMethodAndAuthLevel(string name, string route, string method, string authLevel)
    {
        var trigger = Binding(name, "httpTrigger");
        Assert.Equal(route, trigger.GetProperty("route").GetString());
        Assert.Equal([method], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(authLevel, trigger.GetProperty("authLevel").GetString());
    }

    [Fact]
    public void Metadata_DatasetUploaded_IsAnEventGridBlobTriggerOnDatasets()
    {
        var trigger = Binding("DatasetUploaded", "blobTrigger");
        // The host resolves the setting (deployed as Storage__DatasetsContainer=datasets); no connection name, so AzureWebJobsStorage.
        Assert.Equal("%Storage:DatasetsContainer%/{name}", trigger.GetProperty("path").GetString());
        Assert.Equal("EventGrid", trigger.GetProperty("source").GetString());
        Assert.False(trigger.TryGetProperty("connection", out _));
    }

    [Fact]
    public void Metadata_ScoringUploaded_IsAnEventGridBlobTriggerOnScoring()
    {
        var trigger = Binding("ScoringUploaded", "blobTrigger");
        // Deployed as Storage__ScoringContainer=scoring, on the host's own storage like DatasetUploaded.
        Assert.Equal("%Storage:ScoringContainer%/{name}", trigger.GetProperty("path").GetString());
        Assert.Equal("EventGrid", trigger.GetProperty("source").GetString());
        Assert.False(trigger.TryGetProperty("connection", out _));
    }

    [Fact]
    public void Metadata_TrainingEvents_ListensOnTheTrainingEventsQueue()
    {
        var trigger = Binding("TrainingEvents", "queueTrigger");
        Assert.Equal("%Storage:EventsQueue%", trigger.GetProperty("queueName").GetString());
    }

    private static JsonElement Binding(string function, string type) =>
        Find(function).GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString() == type);

    private static JsonElement Find(string name) =>
        Functions.Value.SingleOrDefault(f => f.GetProperty("name").GetString() == name) is { ValueKind: JsonValueKind.Object } found
            ? found
            : throw new Xunit.Sdk.XunitException($"functions.metadata has no function named {name}.");

    private static JsonElement[] Load()
    {
        var path = Path.Combine(FunctionsAppOutput.Folder, "functions.metadata");
        return JsonDocument.Parse(File.ReadAllText(path)).RootElement.EnumerateArray().Select(e => e.Clone()).ToArray();
    }
}
