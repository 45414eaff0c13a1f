using System.Reflection;
using System.Text.Json;

namespace Platform.Functions.Tests;

/// <summary>
/// The Functions host cannot run here, so the contract with it is checked where it is written down: the
/// function metadata the worker SDK generates at build time must list every function with its trigger.
/// </summary>
public sealed class FunctionMetadataTests
{
    private static readonly Lazy<JsonElement[]> Functions = new(Load);

    public static TheoryData<string, string> Triggers => new()
    {
        { "DatasetUploaded", "blobTrigger" },
        { "TrainingEvents", "queueTrigger" },
        { "StartJob", "httpTrigger" },
        { "ListJobs", "httpTrigger" },
        { "GetJob", "httpTrigger" },
        { "CancelJob", "httpTrigger" },
        { "ListModels", "httpTrigger" },
        { "GetModel", "httpTrigger" },
        { "Predict", "httpTrigger" },
        { "TrainingOrchestrator", "orchestrationTrigger" },
        { "PrepareDataset", "activityTrigger" },
        { "DispatchTraining", "activityTrigger" },
        { "CheckHeartbeat", "activityTrigger" },
        { "EvaluateModel", "activityTrigger" },
        { "PublishModel", "activityTrigger" },
        { "WriteCancelMarker", "activityTrigger" },
    };

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
        var expected = Triggers.Select(row => (string)row[0]).Order();
        Assert.Equal(expected, Functions.Value.Select(f => f.GetProperty("name").GetString()!).Order());
    }

    [Theory]
    [InlineData("StartJob", "jobs", "post")]
    [InlineData("ListJobs", "jobs", "get")]
    [InlineData("GetJob", "jobs/{id}", "get")]
    [InlineData("CancelJob", "jobs/{id}/cancel", "post")]
    [InlineData("ListModels", "models", "get")]
    [InlineData("GetModel", "models/{model}", "get")]
    [InlineData("Predict", "models/{model}/predict", "post")]
    public void Metadata_HttpFunction_HasRouteMethodAndFunctionKey(string name, string route, string method)
    {
        var trigger = Binding(name, "httpTrigger");
        Assert.Equal(route, trigger.GetProperty("route").GetString());
        Assert.Equal([method], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("Function", trigger.GetProperty("authLevel").GetString());
    }

    [Fact]
    public void Metadata_DatasetUploaded_IsAnEventGridBlobTriggerOnDatasets()
    {
        var trigger = Binding("DatasetUploaded", "blobTrigger");
        Assert.Equal("datasets/{name}", trigger.GetProperty("path").GetString());
        Assert.Equal("EventGrid", trigger.GetProperty("source").GetString());
        Assert.Equal("Storage", trigger.GetProperty("connection").GetString());
    }

    [Fact]
    public void Metadata_TrainingEvents_ListensOnTheTrainingEventsQueue()
    {
        var trigger = Binding("TrainingEvents", "queueTrigger");
        Assert.Equal("training-events", trigger.GetProperty("queueName").GetString());
    }

    private static JsonElement Binding(string function, string type) =>
        Find(function).GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString() == type);

    private static JsonElement Find(string name) =>
        Functions.Value.SingleOrDefault(f => f.GetProperty("name").GetString() == name) is { ValueKind: JsonValueKind.Object } found
            ? found
            : throw new Xunit.Sdk.XunitException($"functions.metadata has no function named {name}.");

    private static JsonElement[] Load()
    {
        var configuration = typeof(FunctionMetadataTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var path = Path.Combine(TestSupport.RepositoryRoot.Path, "src", "Functions", "bin", configuration, "net10.0", "functions.metadata");
        return JsonDocument.Parse(File.ReadAllText(path)).RootElement.EnumerateArray().Select(e => e.Clone()).ToArray();
    }
}
