namespace Platform.Shared.Csv;

/// <summary>A byte range of a CSV file that holds whole records: <paramref name="Length"/> bytes from <paramref name="Start"/>, its first record on line <paramref name="FirstLine"/>.</summary>
public sealed record CsvChunk(int Index, long Start, long Length, int FirstLine);
