namespace Platform.Shared.Jobs;

/// <summary>Blob names inside the <c>jobs</c> container for one job.</summary>
public static class JobBlobs
{
    public static string Split(string jobId, string split) => $"{jobId}/data/{split}.jsonl";

    public static string Report(string jobId) => $"{jobId}/report.json";

    public static string Status(string jobId) => $"{jobId}/status.json";

    public static string CheckpointPrefix(string jobId) => $"{jobId}/checkpoints/";

    public static string ModelPrefix(string jobId) => $"{jobId}/model/";

    public static string CancelMarker(string jobId) => $"{jobId}/cancel";

    public static string Result(string jobId) => $"{jobId}/result.json";

    /// <summary>A batch scoring job's report: model, version, rows scored, output blob and row errors.</summary>
    public static string Scoring(string jobId) => $"{jobId}/scoring.json";

    /// <summary>The problem document of an upload refused before it could train (bad options, unknown base model, bad name).</summary>
    public static string Problem(string jobId) => $"{jobId}/problem.json";
}
