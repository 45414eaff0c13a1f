using Platform.Pipeline.Orchestration;

namespace Platform.DevHost.Hosting;

/// <summary>Runs <see cref="TrainingEventsListener"/> for the host's lifetime (Functions uses a queue trigger instead).</summary>
public sealed class TrainingEventsService(TrainingEventsListener listener) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => listener.RunAsync(stoppingToken);
}
