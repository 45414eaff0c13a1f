using System.Text;

namespace Platform.Pipeline.Scoring;

/// <summary>
/// Ids of the output blob's blocks: the job, the chunk and the part within it, all of one length (as block ids of a
/// blob must be), the same on every retry, so a re-run chunk restages the same blocks and a concurrent job never meets them.
/// </summary>
public static class ScoringBlocks
{
    public static string Id(string jobId, int chunk, int part)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        return Convert.ToBase64String(Encoding.ASCII.GetBytes($"{jobId[^12..]}-{chunk:D6}-{part:D6}"));
    }

    /// <summary>Every block of the output, chunk by chunk, part by part.</summary>
    public static IEnumerable<string> All(string jobId, IReadOnlyList<int> blocksPerChunk)
    {
        ArgumentNullException.ThrowIfNull(blocksPerChunk);
        return blocksPerChunk.SelectMany((count, chunk) => Enumerable.Range(0, count).Select(part => Id(jobId, chunk, part)));
    }
}
