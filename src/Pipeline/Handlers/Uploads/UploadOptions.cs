namespace Platform.Pipeline.Handlers.Uploads;

/// <summary>Uploads through the API (configuration section <c>Handlers:Uploads</c>).</summary>
public sealed class UploadOptions
{
    /// <summary>Stream (through <c>PUT /api/datasets/…</c>) or Direct (SAS to Blob Storage).</summary>
    public UploadMode Mode { get; set; } = UploadMode.Stream;

    /// <summary>Largest CSV <c>PUT /api/datasets/…</c> takes; read in blocks, never held whole.</summary>
    public long MaxUploadBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>How long a SAS issued for a direct upload may be used.</summary>
    public TimeSpan SasLifetime { get; set; } = TimeSpan.FromMinutes(15);
}
