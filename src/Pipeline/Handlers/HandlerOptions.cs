using Platform.Modeling.Serving;

namespace Platform.Pipeline.Handlers;

/// <summary>Limits and caching of the HTTP handlers (bound from configuration section <c>Handlers</c>).</summary>
public sealed class HandlerOptions
{
    public const string SectionName = "Handlers";

    /// <summary>Most texts in one predict request.</summary>
    public int MaxTextsPerRequest { get; set; } = 64;

    /// <summary>Most characters in one text (longer texts are rejected, not silently truncated).</summary>
    public int MaxCharactersPerText { get; set; } = 10_000;

    /// <summary>Largest predict request body.</summary>
    public long MaxPredictBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Largest start-job request body.</summary>
    public long MaxStartJobBodyBytes { get; set; } = 64 * 1024;

    /// <summary>How long a model's <c>current.json</c> is trusted before its ETag is checked again.</summary>
    public TimeSpan CurrentModelCheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Where downloaded model packages are kept; null: a folder under the system temp folder.</summary>
    public string? PackageCacheDirectory { get; set; }

    /// <summary>How the API takes CSV uploads.</summary>
    public Uploads.UploadOptions Uploads { get; set; } = new();

    /// <summary>How cached predictors run (precision, batch size, device).</summary>
    public PredictorOptions Predictor { get; set; } = new();
}
