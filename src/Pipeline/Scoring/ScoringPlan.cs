using Platform.Shared.Csv;
using Platform.Shared.Datasets;

namespace Platform.Pipeline.Scoring;

/// <summary>
/// What <see cref="PlanScoring"/> found: the version that scores, the upload's ETag (every chunk reads those bytes or
/// fails), where its header ends and its chunks; or why it cannot be scored.
/// </summary>
public sealed record ScoringPlan(string? Version, string? ETag, long HeaderEnd, IReadOnlyList<CsvChunk> Chunks, DatasetError? Error)
{
    public static ScoringPlan Failed(string? version, DatasetError error) => new(version, null, 0, [], error);
}
