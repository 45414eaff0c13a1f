using Platform.Pipeline.Handlers;
using Platform.Pipeline.Handlers.Jobs;
using Platform.Pipeline.Orchestration;
using Platform.Shared.Jobs;

namespace Platform.Pipeline.Tests.Handlers;

public sealed class JobPhaseTests
{
    [Theory]
    [InlineData(RunnerPhases.Loading)]
    [InlineData(RunnerPhases.Training)]
    [InlineData(RunnerPhases.Evaluating)]
    [InlineData(RunnerPhases.Packaging)]
    [InlineData(RunnerPhases.Uploading)]
    [InlineData(RunnerPhases.Finished)]
    public void Merge_QueuedAndTheRunnerTookTheAttempt_IsTraining(string runnerPhase)
    {
        Assert.Equal(PipelinePhases.Training, JobPhase.Merge(PipelinePhases.Queued, 1, Status(1, runnerPhase)));
    }

    [Theory]
    [InlineData(RunnerPhases.Failed)]
    [InlineData(RunnerPhases.Cancelled)]
    [InlineData(RunnerPhases.Interrupted)]
    public void Merge_QueuedAndTheRunnerLetTheAttemptGo_StaysQueued(string runnerPhase)
    {
        Assert.Equal(PipelinePhases.Queued, JobPhase.Merge(PipelinePhases.Queued, 1, Status(1, runnerPhase)));
    }

    [Fact]
    public void Merge_QueuedWithoutStatusJson_StaysQueued()
    {
        Assert.Equal(PipelinePhases.Queued, JobPhase.Merge(PipelinePhases.Queued, 1, null));
    }

    [Fact]
    public void Merge_StatusJsonOfASupersededAttempt_StaysQueued()
    {
        Assert.Equal(PipelinePhases.Queued, JobPhase.Merge(PipelinePhases.Queued, 2, Status(1, RunnerPhases.Training)));
    }

    [Fact]
    public void Merge_StatusWithoutAttempt_TrustsTheRunner()
    {
        Assert.Equal(PipelinePhases.Training, JobPhase.Merge(PipelinePhases.Queued, 0, Status(1, RunnerPhases.Training)));
    }

    [Theory]
    [InlineData(PipelinePhases.Validating)]
    [InlineData(PipelinePhases.Training)]
    [InlineData(PipelinePhases.Evaluating)]
    [InlineData(PipelinePhases.Publishing)]
    [InlineData(PipelinePhases.Completed)]
    [InlineData(PipelinePhases.Failed)]
    [InlineData(PipelinePhases.Cancelled)]
    [InlineData(null)]
    public void Merge_AnyPhaseButQueued_IsTheOrchestrations(string? phase)
    {
        Assert.Equal(phase, JobPhase.Merge(phase, 1, Status(1, RunnerPhases.Training)));
    }

    private static JobStatusDocument Status(int attempt, string phase) =>
        new() { JobId = "reviews-0123456789ab", Attempt = attempt, Phase = phase, HeartbeatAt = DateTimeOffset.UtcNow };
}
