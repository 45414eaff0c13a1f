namespace Platform.Pipeline.Storage;

/// <summary>Blob names the pipeline adds to the shared layout: the evaluation of a job and the files published next to a version.</summary>
public static class PipelineBlobs
{
    public static string EvaluationMetrics(string jobId) => $"{jobId}/evaluation/metrics.json";

    public static string EvaluationReport(string jobId) => $"{jobId}/evaluation/report.txt";

    public static string ConfusionMatrix(string jobId) => $"{jobId}/evaluation/confusion-matrix.csv";

    public const string ModelCardFile = "card.md";

    public const string ModelCardHtmlFile = "card.html";

    public const string EvaluationFile = "evaluation.json";
}
