namespace Platform.Pipeline.Storage;

/// <summary>Blob names the pipeline adds to the shared layout: the evaluation of a job, a sweep's trials, its notifications and the files published next to a version.</summary>
public static class PipelineBlobs
{
    public static string EvaluationMetrics(string jobId) => $"{jobId}/evaluation/metrics.json";

    public static string EvaluationReport(string jobId) => $"{jobId}/evaluation/report.txt";

    public static string ConfusionMatrix(string jobId) => $"{jobId}/evaluation/confusion-matrix.csv";

    /// <summary>A sweep job's trials (<see cref="Sweeps.SweepRecord"/>).</summary>
    public static string Sweep(string jobId) => $"{jobId}/sweep.json";

    /// <summary>The last delivery of a job's events per channel (<see cref="Notifications.JobNotificationsRecord"/>).</summary>
    public static string Notifications(string jobId) => $"{jobId}/notifications.json";

    public const string ModelCardFile = "card.md";

    public const string ModelCardHtmlFile = "card.html";

    public const string EvaluationFile = "evaluation.json";
}
