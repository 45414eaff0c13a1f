using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Runner.Hosting;
using Platform.Runner.Storage;
using Platform.Shared.Jobs;

namespace Platform.GpuJobRunner.Tests.Service;

[Collection(ServiceCollection.Name)]
public sealed class StatusTests(ServiceEnvironment environment)
{
    [Fact]
    public async Task Serve_HeartbeatTooSlowToMatter_StatusSaysTrainingBeforeTheFirstCheckpointAndHasEachEvaluation()
    {
        await using var scenario = new JobScenario(environment);
        await scenario.UploadSplitsAsync();
        var seen = new ConcurrentQueue<JobStatusDocument?>();
        await using var host = new RunningHost(scenario.BuildHost(services: s =>
        {
            // No beat comes within the test: whatever status.json says after the first write, a phase change wrote it.
            s.Configure<RunnerSettings>(runner => runner.HeartbeatInterval = TimeSpan.FromHours(1));
            s.AddSingleton<BlobCheckpointMirror>();
            s.Replace(ServiceDescriptor.Singleton<ICheckpointMirror>(sp =>
                new StatusRecordingCheckpointMirror(sp.GetRequiredService<BlobCheckpointMirror>(), sp.GetRequiredService<JobStorage>(), seen)));
        }));
        // 4 steps: a checkpoint at step 2, and at step 4 right after the evaluation that ends the run.
        await scenario.SendAsync(scenario.Job(JobScenario.Fast with { CheckpointEverySteps = 2, EarlyStoppingPatience = 0 }));

        var finished = await scenario.NextEventAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(TrainingOutcome.Succeeded, finished.Outcome);
        var atCheckpoints = seen.ToArray();
        Assert.Equal(2, atCheckpoints.Length);
        var first = atCheckpoints[0];
        Assert.NotNull(first);
        Assert.Equal(RunnerPhases.Training, first.Phase);
        Assert.InRange(first.Step, 1, 2);
        Assert.Null(first.ValidationMacroF1);
        var afterEvaluation = atCheckpoints[1];
        Assert.NotNull(afterEvaluation);
        Assert.Equal(RunnerPhases.Training, afterEvaluation.Phase);
        Assert.Equal(4, afterEvaluation.Step);
        Assert.NotNull(afterEvaluation.ValidationMacroF1);
        Assert.Equal(RunnerPhases.Finished, (await scenario.StatusAsync())!.Phase);
    }
}
