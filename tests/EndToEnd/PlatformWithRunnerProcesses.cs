namespace Platform.EndToEnd;

/// <summary>
/// The platform without its in-process runner: tests start runners as processes of their own and kill them. The lock of
/// <c>training-jobs</c> is short, so a message held by a killed runner is delivered again within seconds. The orchestrator
/// checks the heartbeat only every 10 minutes, so it never notices the runner by itself here: only the runner's event or
/// status.json can move a job on.
/// </summary>
public sealed class PlatformWithRunnerProcesses()
    : PlatformFixture(runRunner: false, brokerLockDuration: TimeSpan.FromSeconds(5), watchdogCheckInterval: TimeSpan.FromMinutes(10))
{
    /// <summary>A runner process of this platform with its own work folder named <paramref name="name"/>.</summary>
    internal RunnerProcess StartRunner(string name) => RunnerProcess.Start(RunnerProcessSettings(name));
}
