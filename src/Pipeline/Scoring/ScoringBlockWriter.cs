using System.Text;
using Azure.Storage.Blobs.Specialized;

namespace Platform.Pipeline.Scoring;

/// <summary>
/// Buffers a chunk's output text and stages it as uncommitted blocks of the output blob whenever about
/// <c>blockBytes</c> have gathered, so a chunk holds one block in memory whatever its size. The blob is unchanged
/// until <see cref="CommitScoring"/> commits every chunk's blocks in order.
/// </summary>
internal sealed class ScoringBlockWriter : IDisposable
{
    private readonly BlockBlobClient _blob;
    private readonly string _jobId;
    private readonly int _chunk;
    private readonly int _blockBytes;
    private readonly MemoryStream _buffer = new();

    public ScoringBlockWriter(BlockBlobClient blob, string jobId, int chunk, int blockBytes)
    {
        _blob = blob;
        _jobId = jobId;
        _chunk = chunk;
        _blockBytes = blockBytes;
        Text = new StreamWriter(_buffer, new UTF8Encoding(false), 16 * 1024, leaveOpen: true);
    }

    /// <summary>Where the chunk's rows are written.</summary>
    public TextWriter Text { get; }

    /// <summary>Blocks staged so far.</summary>
    public int Blocks { get; private set; }

    /// <summary>Stages what is buffered when it reached the block size.</summary>
    public async Task StageIfFullAsync()
    {
        await Text.FlushAsync();
        if (_buffer.Length >= _blockBytes)
        {
            await StageAsync();
        }
    }

    /// <summary>Stages the rest.</summary>
    public async Task CompleteAsync()
    {
        await Text.FlushAsync();
        if (_buffer.Length > 0)
        {
            await StageAsync();
        }
    }

    public void Dispose()
    {
        Text.Dispose();
        _buffer.Dispose();
    }

    private async Task StageAsync()
    {
        _buffer.Position = 0;
        await _blob.StageBlockAsync(ScoringBlocks.Id(_jobId, _chunk, Blocks), _buffer);
        Blocks++;
        _buffer.SetLength(0);
    }
}
