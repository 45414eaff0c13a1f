namespace Platform.Pipeline.Scoring;

/// <summary>
/// The end of a scoring job: with <paramref name="Commit"/>, the chunks' staged blocks become the output blob, in chunk
/// order (<paramref name="BlocksPerChunk"/>); either way the job's report is written.
/// </summary>
public sealed record CommitScoringInput(string JobId, ScoringProgress Progress, bool Commit, IReadOnlyList<int> BlocksPerChunk);
