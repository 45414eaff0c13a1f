namespace Platform.EndToEnd;

/// <summary>
/// The platform without its in-process runner: tests start runners as processes of their own and kill them. The lock of
/// <c>training-jobs</c> is short, so a message held by a killed runner is delivered again within seconds.
/// </summary>
public sealed class PlatformWithRunnerProcesses() : PlatformFixture(runRunner: false, brokerLockDuration: TimeSpan.FromSeconds(5))
{
    /// <summary>A runner process of this platform with its own work folder named <paramref name="name"/>.</summary>
    internal RunnerProcess StartRunner(string name) => RunnerProcess.Start(RunnerProcessSettings(name));
}
