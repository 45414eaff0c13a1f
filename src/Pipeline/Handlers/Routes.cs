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
}
