namespace Platform.Runner.Jobs;

/// <summary>
/// While this runner trained, a newer attempt of the job took <c>status.json</c> (the watchdog re-dispatched it after losing
/// this runner's heartbeat): the attempt stops without writing a result, a package or an event, and its message is completed.
/// </summary>
internal sealed class AttemptSupersededException(string jobId, int attempt, int currentAttempt)
    : Exception($"Job {jobId} attempt {attempt} is superseded by attempt {currentAttempt}.")
{
    public int CurrentAttempt { get; } = currentAttempt;
}
