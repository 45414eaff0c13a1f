using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Platform.Modeling.Training;
using Platform.Runner.Jobs;
using Platform.Runner.Storage;
using Platform.Shared.Configuration;
using Platform.Shared.Jobs;

namespace Platform.GpuJobRunner.Tests.Service;

[Collection(ServiceCollection.Name)]
public sealed class StatusReporterTests(ServiceEnvironment environment)
{
    [Fact]
    public async Task Training_ReportedAfterTheFinalDocument_LeavesTheFinalPhase()
    {
        await using var scenario = new JobScenario(environment);
        await using var reporter = await StartAsync(scenario, scenario.Job());

        await reporter.FinishAsync("cancelled", null, "Cancelled by request.", CancellationToken.None);
        // The training thread winding down after the cancel: its last report must not become the job's last word.
        reporter.Training(new TrainingProgress("training", 1, 1, 3, 10, 0.5, 1e-4, 10, null, null, null));
        reporter.Phase("evaluating", 95);

        var status = await scenario.StatusAsync();
        Assert.Equal(("cancelled", "Cancelled by request."), (status!.Phase, status.Error));
    }

    [Fact]
    public async Task Write_AfterAnotherWriterPutANewerAttempt_StopsWritingAndSignalsSuperseded()
    {
        await using var scenario = new JobScenario(environment);
        await using var reporter = await StartAsync(scenario, scenario.Job(attempt: 1));
        var newer = new JobStatusDocument { JobId = scenario.JobId, Attempt = 2, Phase = RunnerPhases.Loading, HeartbeatAt = DateTimeOffset.UtcNow };
        await scenario.PutBlobAsync(JobBlobs.Status(scenario.JobId), newer);

        reporter.Phase("evaluating", 92);

        Assert.Equal(2, reporter.SupersededBy);
        Assert.True(reporter.Superseded.IsCancellationRequested);
        await reporter.FinishAsync(RunnerPhases.Failed, null, "late", CancellationToken.None);
        Assert.Equal(newer, await scenario.StatusAsync());
        var error = await Assert.ThrowsAsync<AttemptSupersededException>(() => reporter.EnsureCurrentAsync(CancellationToken.None));
        Assert.Equal(2, error.CurrentAttempt);
    }

    [Fact]
    public async Task Write_AfterAnotherWriterPutTheSameOrAnOlderAttempt_TakesTheDocumentBack()
    {
        await using var scenario = new JobScenario(environment);
        await using var reporter = await StartAsync(scenario, scenario.Job(attempt: 2));
        await scenario.PutBlobAsync(JobBlobs.Status(scenario.JobId), new JobStatusDocument { JobId = scenario.JobId, Attempt = 1, Phase = RunnerPhases.Training, HeartbeatAt = DateTimeOffset.UtcNow });

        reporter.Phase("evaluating", 92);

        Assert.Null(reporter.SupersededBy);
        Assert.Equal((2, "evaluating"), ((await scenario.StatusAsync())!.Attempt, (await scenario.StatusAsync())!.Phase));
        await reporter.EnsureCurrentAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Start_OverADocumentWrittenSinceItWasRead_IsSupersededWhenThatHoldsANewerAttempt()
    {
        await using var scenario = new JobScenario(environment);
        // Read found nothing (null ETag); a newer attempt's runner took the job before the first write.
        await scenario.PutBlobAsync(JobBlobs.Status(scenario.JobId), new JobStatusDocument { JobId = scenario.JobId, Attempt = 3, Phase = RunnerPhases.Loading });

        await using var reporter = await StartAsync(scenario, scenario.Job(attempt: 2));

        Assert.Equal(3, reporter.SupersededBy);
        Assert.Equal(3, (await scenario.StatusAsync())!.Attempt);
    }

    private static Task<JobStatusReporter> StartAsync(JobScenario scenario, TrainingJobRequested job) => JobStatusReporter.StartAsync(
        new JobStorage(new BlobServiceClient(ServiceEnvironment.StorageConnectionString), Options.Create(new StorageSettings())),
        job, DateTimeOffset.UtcNow, read: null, TimeSpan.FromHours(1), NullLogger.Instance, CancellationToken.None);
}
