using Platform.Runner.Messaging;
using Platform.Runner.Storage;
using Platform.Shared.Jobs;

namespace Platform.GpuJobRunner.Tests.Service;

/// <summary><c>serve --once</c> as a Container Apps job runs it: the real executable, configured by environment variables.</summary>
[Collection(ServiceCollection.Name)]
public sealed class OnceTests(ServiceEnvironment environment)
{
    [Fact]
    public async Task ServeOnce_TwoMessagesQueued_ProcessesOneAndExits0()
    {
        await using var scenario = new JobScenario(environment);
        var earlier = new TrainingFinished(scenario.JobId, 1, TrainingOutcome.Succeeded, ModelPrefix: JobBlobs.ModelPrefix(scenario.JobId));
        await scenario.PutBlobAsync(JobBlobs.Result(scenario.JobId), new JobResultDocument(earlier, 4, false, null, null, "cpu", DateTimeOffset.UtcNow));
        await scenario.SendAsync(scenario.Job(attempt: 2));
        await scenario.SendAsync(scenario.Job(attempt: 3));

        var (code, _, error) = RunnerProcess.Run(null, Environment(scenario), "serve", "--once", "--wait", "20");

        Assert.True(code == 0, error);
        var finished = await scenario.NextEventAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, finished.Attempt);
        Assert.Equal(3, (await scenario.PeekAsync())!.Body.ToObjectFromJson<TrainingJobRequested>(WireJson.Options)!.Attempt);
    }

    [Fact]
    public async Task ServeOnce_EmptyQueue_Exits0AfterTheWait()
    {
        await using var scenario = new JobScenario(environment);

        var (code, output, error) = RunnerProcess.Run(null, Environment(scenario), "serve", "--once", "--wait", "1");

        Assert.True(code == 0, error);
        Assert.Contains("No message arrived", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public void Serve_NoServiceBusConfigured_ExitsWith2NamingTheSetting()
    {
        var (code, _, error) = RunnerProcess.Run(null, new Dictionary<string, string?> { ["Storage__ConnectionString"] = ServiceEnvironment.StorageConnectionString }, "serve", "--once");

        Assert.Equal(2, code);
        Assert.Contains("ServiceBus:ConnectionString", error, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Environment(JobScenario scenario) =>
        scenario.Settings().ToDictionary(p => p.Key.Replace(":", "__", StringComparison.Ordinal), p => p.Value);
}
