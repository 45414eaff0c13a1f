using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Platform.Modeling.Training;
using Platform.Runner.Jobs;
using Platform.Runner.Storage;
using Platform.Shared.Configuration;

namespace Platform.GpuJobRunner.Tests.Service;

[Collection(ServiceCollection.Name)]
public sealed class StatusReporterTests(ServiceEnvironment environment)
{
    [Fact]
    public async Task Training_ReportedAfterTheFinalDocument_LeavesTheFinalPhase()
    {
        await using var scenario = new JobScenario(environment);
        var storage = new JobStorage(new BlobServiceClient(ServiceEnvironment.StorageConnectionString), Options.Create(new StorageSettings()));
        await using var reporter = await JobStatusReporter.StartAsync(
            storage, scenario.Job(), DateTimeOffset.UtcNow, TimeSpan.FromHours(1), NullLogger.Instance, CancellationToken.None);

        await reporter.FinishAsync("cancelled", null, "Cancelled by request.", CancellationToken.None);
        // The training thread winding down after the cancel: its last report must not become the job's last word.
        reporter.Training(new TrainingProgress("training", 1, 1, 3, 10, 0.5, 1e-4, 10, null, null, null));
        reporter.Phase("evaluating", 95);

        var status = await scenario.StatusAsync();
        Assert.Equal(("cancelled", "Cancelled by request."), (status!.Phase, status.Error));
    }
}
