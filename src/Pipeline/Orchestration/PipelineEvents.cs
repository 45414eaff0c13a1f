namespace Platform.Pipeline.Orchestration;

/// <summary>Names of the external events <see cref="TrainingOrchestrator"/> waits for.</summary>
public static class PipelineEvents
{
    /// <summary>Payload: <see cref="Platform.Shared.Jobs.TrainingFinished"/>, raised from the <c>training-events</c> queue.</summary>
    public const string TrainingFinished = "TrainingFinished";

    /// <summary>Payload: <see cref="CancelRequest"/> (or none), raised by the cancel handler.</summary>
    public const string CancelRequested = "CancelRequested";
}
