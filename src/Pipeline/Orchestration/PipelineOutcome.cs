namespace Platform.Pipeline.Orchestration;

/// <summary>How a job ended. Business failures end the orchestration normally with this outcome; only bugs fail it.</summary>
public enum PipelineOutcome
{
    Completed,
    Failed,
    Cancelled,
}
