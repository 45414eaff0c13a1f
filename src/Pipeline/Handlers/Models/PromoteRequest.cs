namespace Platform.Pipeline.Handlers.Models;

/// <summary>Body of <c>POST /api/models/{model}/current</c>.</summary>
public sealed record PromoteRequest
{
    /// <summary>The published version to make current (a newer one to promote, an older one to roll back to).</summary>
    public string? Version { get; init; }

    /// <summary>Make the version current even where the promotion gate refuses it; needs a <see cref="Reason"/>.</summary>
    public bool Override { get; init; }

    /// <summary>Why; recorded in current.json with the gate's decision (required with an override).</summary>
    public string? Reason { get; init; }
}
