using Platform.Shared.Csv;

namespace Platform.Pipeline.Scoring;

/// <summary>One chunk to score: the upload's bytes of <paramref name="Chunk"/> (as of <paramref name="ETag"/>) with the model's version, staged as blocks of <paramref name="OutputBlob"/>.</summary>
public sealed record ScoreChunkInput(string JobId, string Model, string Version, string InputBlob, string ETag, long HeaderEnd, string OutputBlob, CsvChunk Chunk);
