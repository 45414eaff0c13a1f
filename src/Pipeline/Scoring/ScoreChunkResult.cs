using Platform.Shared.Datasets;

namespace Platform.Pipeline.Scoring;

/// <summary>A scored chunk: rows written, blocks staged (in order, ids from <see cref="ScoringBlocks"/>), and the first row errors found (none staged then).</summary>
public sealed record ScoreChunkResult(int Index, long Rows, int Blocks, IReadOnlyList<DatasetError> Errors);
