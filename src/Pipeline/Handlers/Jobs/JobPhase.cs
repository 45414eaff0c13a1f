using Platform.Pipeline.Orchestration;
using Platform.Shared.Jobs;

namespace Platform.Pipeline.Handlers.Jobs;

/// <summary>
/// The phase <c>GET /api/jobs/{id}</c> reports. The orchestrator only learns that the runner took a dispatched attempt
/// at its next watchdog check; the runner's <c>status.json</c> says so at once, so a queued job whose current attempt
/// the runner has taken over is reported as training.
/// </summary>
internal static class JobPhase
{
    /// <param name="orchestrationPhase">The orchestration's custom status phase.</param>
    /// <param name="attempt">The dispatch attempt the orchestration waits for (0 when its status does not say).</param>
    /// <param name="runner">The runner's last <c>status.json</c>, if any.</param>
    public static string? Merge(string? orchestrationPhase, int attempt, JobStatusDocument? runner) =>
        orchestrationPhase == PipelinePhases.Queued
        && runner is not null
        // status.json of an attempt the orchestration already gave up on says nothing about the one in flight.
        && runner.Attempt >= attempt
        && RunnerPhases.HasTakenOver(runner.Phase)
            ? PipelinePhases.Training
            : orchestrationPhase;
}
