namespace Platform.Pipeline.Scoring;

/// <summary>How batch scoring cuts and scores an upload (section <c>Pipeline:Scoring</c>).</summary>
public sealed class ScoringSettings
{
    /// <summary>The size a chunk reaches before it ends at the next record end.</summary>
    public long ChunkBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>At most about this many chunks per upload: a larger file gets larger chunks, so orchestration state stays bounded.</summary>
    public int MaxChunks { get; set; } = 1000;

    /// <summary>Chunks scored at once (one activity each).</summary>
    public int MaxParallelChunks { get; set; } = 4;

    /// <summary>Texts per call of the predictor.</summary>
    public int BatchSize { get; set; } = 64;

    /// <summary>A chunk's output is staged as blocks of about this size, so a chunk's memory does not grow with it.</summary>
    public int BlockBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Row errors kept per job (each names its line); scoring stops looking past them.</summary>
    public const int MaxErrors = 10;
}
