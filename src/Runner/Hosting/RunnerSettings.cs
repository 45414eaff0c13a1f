namespace Platform.Runner.Hosting;

/// <summary>Section <c>Runner</c>: local work folder, device, heartbeat and shutdown timing.</summary>
public sealed class RunnerSettings
{
    public const string Section = "Runner";

    /// <summary>Splits, checkpoints and packages of the job in progress; empty: a folder under the temp path.</summary>
    public string? WorkFolder { get; set; }

    /// <summary><c>auto</c> (CUDA when present), <c>cpu</c> or <c>cuda</c>: a property of the machine, so it overrides the job's.</summary>
    public string Device { get; set; } = "auto";

    /// <summary>How often <c>status.json</c> is rewritten as a heartbeat while a job runs; phase changes and evaluations are written at once besides.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the cancel marker <c>jobs/{id}/cancel</c> is looked for.</summary>
    public TimeSpan CancelPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary><c>serve --once</c>: how long to wait for the message before exiting with nothing done.</summary>
    public TimeSpan OnceWaitTime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>After SIGTERM: time to checkpoint, upload and abandon the message (below the platform's kill deadline).</summary>
    public TimeSpan ShutdownGracePeriod { get; set; } = TimeSpan.FromSeconds(25);

    public string ResolveWorkFolder() =>
        string.IsNullOrWhiteSpace(WorkFolder) ? Path.Combine(Path.GetTempPath(), "gpu-job-runner") : WorkFolder;
}
