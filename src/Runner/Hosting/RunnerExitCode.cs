namespace Platform.Runner.Hosting;

/// <summary>The process exit code a worker decided on (<c>serve --once</c>: 1 when the message went back to the queue).</summary>
internal sealed class RunnerExitCode
{
    public int Value { get; set; }
}
