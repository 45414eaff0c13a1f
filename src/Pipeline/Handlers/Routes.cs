namespace Platform.Pipeline.Handlers;

/// <summary>The HTTP paths the handlers link to (relative, so they hold behind any host name or proxy).</summary>
public static class Routes
{
    public const string Jobs = "/api/jobs";

    public static string Job(string jobId) => $"/api/jobs/{Uri.EscapeDataString(jobId)}";

    public static string CancelJob(string jobId) => $"{Job(jobId)}/cancel";

    public static string Model(string model) => $"/api/models/{Uri.EscapeDataString(model)}";

    public static string Predict(string model) => $"{Model(model)}/predict";

    public static string Current(string model) => $"{Model(model)}/current";

    public static string Version(string model, string version) => $"{Model(model)}/versions/{Uri.EscapeDataString(version)}";

    public static string Card(string model, string version) => $"{Version(model, version)}/card";

    public const string Uploads = "/api/uploads";

    /// <summary>What became of an upload in <c>datasets</c>: the id of its job.</summary>
    public static string Upload(string blobName) => $"{Uploads}/{EscapePath(blobName)}";

    /// <summary>Where <c>PUT</c> streams a CSV into <c>datasets</c>.</summary>
    public static string Dataset(string blobName) => $"/api/datasets/{EscapePath(blobName)}";

    public const string Console = "/api/console/";

    /// <summary>A blob path with each segment escaped and the slashes kept.</summary>
    private static string EscapePath(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
}
