using System.Text.Json;
using Platform.Functions.Tests.Hosting;
using Platform.Functions.Tests.Protocol;
using Xunit.Sdk;

namespace Platform.Functions.Tests;

/// <summary>
/// The built app really starts as a Functions worker: the test plays the host, starts Platform.Functions.dll
/// as Core Tools or Azure would, and has the start-up exchange of the worker gRPC protocol with it.
/// </summary>
public sealed class WorkerStartupTests
{
    // Keeps the App Insights exporter on the loopback discard port: nothing leaves the machine.
    private const string OfflineApplicationInsights =
        "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/";

    [Fact]
    public Task StartWorker_InDevelopment_IndexesEveryFunctionAndKeepsRunning() =>
        AssertStartsAndIndexesEveryFunctionAsync(WorkerEnvironment("Development"));

    [Fact]
    public Task StartWorker_InProduction_IndexesEveryFunctionAndKeepsRunning() =>
        AssertStartsAndIndexesEveryFunctionAsync(WorkerEnvironment("Production", ("APPLICATIONINSIGHTS_CONNECTION_STRING", OfflineApplicationInsights)));

    [Fact]
    public async Task StartWorker_WithInvalidWatchdogOptions_FailsWithTheWorkerOutput()
    {
        await using var host = await FunctionsHostHarness.StartAsync();
        await using var worker = WorkerProcess.Start(
            FunctionsAppOutput.Folder, host.Endpoint, WorkerEnvironment("Development", ("Pipeline__Watchdog__MaxAttempts", "0")));

        var failure = await Assert.ThrowsAsync<XunitException>(() => host.StartWorkerAsync(worker));

        Assert.True(worker.HasExited, failure.Message);
        // Assert.True rather than Assert.Contains: a failure then shows the whole report, not its first line.
        Assert.True(failure.Message.Contains("the process exited with code", StringComparison.Ordinal), failure.Message);
        Assert.True(failure.Message.Contains("Pipeline:Watchdog:MaxAttempts must be at least 1.", StringComparison.Ordinal), failure.Message);
    }

    private static async Task AssertStartsAndIndexesEveryFunctionAsync(IReadOnlyDictionary<string, string?> environment)
    {
        await using var host = await FunctionsHostHarness.StartAsync();
        await using var worker = WorkerProcess.Start(FunctionsAppOutput.Folder, host.Endpoint, environment);

        var startup = await host.StartWorkerAsync(worker);
        var report = FunctionsHostHarness.Describe(worker, startup.Logs);

        Assert.Equal(worker.WorkerId, startup.Stream.WorkerId);
        Assert.True(startup.Init.Result.Status == StatusResult.Types.Status.Success, $"WorkerInitResponse: {startup.Init.Result}{Environment.NewLine}{report}");
        // The ASP.NET Core integration is up: it tells the host where to forward HTTP requests.
        Assert.True(startup.Init.Capabilities.ContainsKey("HttpUri"), $"WorkerInitResponse has no HttpUri capability.{Environment.NewLine}{report}");
        Assert.True(startup.Metadata.Result.Status == StatusResult.Types.Status.Success, $"FunctionMetadataResponse: {startup.Metadata.Result}{Environment.NewLine}{report}");
        Assert.False(startup.Metadata.UseDefaultMetadataIndexing);

        var functions = startup.Metadata.FunctionMetadataResults.ToDictionary(function => function.Name);
        Assert.Equal(ExpectedFunctions.Triggers.Keys.Order(), functions.Keys.Order());
        Assert.Multiple(ExpectedFunctions.Triggers.Select(expected => (Action)(() =>
            Assert.True(
                functions[expected.Key].Bindings.Values.Any(binding => binding.Type == expected.Value && binding.Direction == BindingInfo.Types.Direction.In),
                $"{expected.Key} has no {expected.Value} binding: {functions[expected.Key].Bindings}"))).ToArray());
        Assert.Multiple(ExpectedFunctions.HttpRoutes.Select(expected => (Action)(() =>
        {
            var trigger = HttpTrigger(functions[expected.Key]);
            Assert.Equal(expected.Value.Template, trigger.GetProperty("route").GetString());
            Assert.Equal([expected.Value.Method], trigger.GetProperty("methods").EnumerateArray().Select(method => method.GetString()));
            Assert.Equal(expected.Value.AuthLevel, trigger.GetProperty("authLevel").GetString(), ignoreCase: true);
        })).ToArray());

        Assert.False(worker.HasExited, $"The worker exited after indexing.{Environment.NewLine}{report}");
        Assert.DoesNotContain("Unhandled exception", worker.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(startup.Logs, log => log.Level >= RpcLog.Types.Level.Error);
    }

    private static JsonElement HttpTrigger(RpcFunctionMetadata function) =>
        function.RawBindings
            .Select(raw => JsonSerializer.Deserialize<JsonElement>(raw))
            .Single(binding => binding.GetProperty("type").GetString() == "httpTrigger");

    /// <summary>What the host sets for a worker here, without what the test process happens to carry that would change the app.</summary>
    private static Dictionary<string, string?> WorkerEnvironment(string environmentName, params (string Name, string? Value)[] settings)
    {
        var environment = new Dictionary<string, string?>
        {
            ["AZURE_FUNCTIONS_ENVIRONMENT"] = environmentName,
            ["DOTNET_ENVIRONMENT"] = null,
            ["ASPNETCORE_ENVIRONMENT"] = null,
            ["ASPNETCORE_URLS"] = null,
            ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = null,
            ["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated",
            // Storage is only named, never reached, at start-up: Azurite need not run.
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
        };
        foreach (var (name, value) in settings)
        {
            environment[name] = value;
        }

        return environment;
    }
}
