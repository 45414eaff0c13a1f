namespace Platform.Shared.Csv;

/// <summary>
/// A CSV file cut into chunks of whole records: the header record ends at byte <paramref name="HeaderEnd"/> (blank
/// lines before it included), and the data records after it are <paramref name="Chunks"/>, in file order.
/// <paramref name="HeaderLine"/> is 0 when the file holds nothing but whitespace.
/// </summary>
public sealed record CsvChunkPlan(long Length, long HeaderEnd, int HeaderLine, IReadOnlyList<CsvChunk> Chunks)
{
    public bool HasHeader => HeaderLine > 0;
}
