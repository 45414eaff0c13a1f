using System.Text;
using Platform.Shared.Csv;

namespace Platform.Shared.Tests.Csv;

public sealed class CsvChunkPlannerTests
{
    [Fact]
    public async Task PlanAsync_QuotedCellsWithLineBreaks_AreNeverCut()
    {
        var rows = Enumerable.Range(0, 300).Select(i => i % 3 == 0 ? $"{i},\"first line {i}\nsecond, line\r\nthird \"\"quoted\"\"\"" : $"{i},plain text {i}");
        var bytes = Utf8("id,text\n" + string.Join("\n", rows) + "\n");

        var plan = await PlanAsync(bytes, targetBytes: 64);

        Assert.True(plan.Chunks.Count > 10, $"{plan.Chunks.Count} chunks");
        Assert.Equal("id,text\n", Encoding.UTF8.GetString(bytes, 0, (int)plan.HeaderEnd));
        Assert.Equal(plan.HeaderEnd, plan.Chunks[0].Start);
        for (var i = 0; i < plan.Chunks.Count; i++)
        {
            var chunk = plan.Chunks[i];
            var text = Encoding.UTF8.GetString(bytes, (int)chunk.Start, (int)chunk.Length);
            Assert.Equal(i, chunk.Index);
            Assert.True(text.Count(c => c == '"') % 2 == 0, $"chunk {i} ends inside a quoted cell: {text}");
            Assert.True(text.EndsWith('\n'), $"chunk {i} does not end at a record end");
            Assert.Matches(@"^\d+,", text);
            if (i > 0)
            {
                Assert.Equal(plan.Chunks[i - 1].Start + plan.Chunks[i - 1].Length, chunk.Start);
            }
        }

        Assert.Equal(bytes.Length, plan.Chunks[^1].Start + plan.Chunks[^1].Length);
    }

    [Fact]
    public async Task PlanAsync_EveryChunk_StartsOnItsLineOfTheFile()
    {
        var bytes = Utf8("\n\ntext,id\r\n" + string.Join("\r\n", Enumerable.Range(0, 100).Select(i => $"\"row\n{i}\",{i}")));

        var plan = await PlanAsync(bytes, targetBytes: 40);

        Assert.Equal(3, plan.HeaderLine);
        foreach (var chunk in plan.Chunks)
        {
            Assert.Equal(1 + bytes.Take((int)chunk.Start).Count(b => b == '\n'), chunk.FirstLine);
        }
    }

    [Theory]
    [InlineData("", 0, 0)]
    [InlineData("  \n\r\n\t\n", 0, 0)]
    [InlineData("\uFEFF", 0, 0)]
    [InlineData("text,id", 1, 7)]
    [InlineData("\n\ntext,id\n", 3, 10)]
    [InlineData("\uFEFFtext\n", 1, 8)]
    public async Task PlanAsync_NoDataRows_GivesNoChunks(string csv, int headerLine, long headerEnd)
    {
        var plan = await PlanAsync(Utf8(csv), targetBytes: 1);

        Assert.Equal(headerLine, plan.HeaderLine);
        Assert.Equal(headerLine > 0, plan.HasHeader);
        Assert.Equal(headerEnd, plan.HeaderEnd);
        Assert.Empty(plan.Chunks);
    }

    [Fact]
    public async Task PlanAsync_LastRecordWithoutLineBreak_IsInTheLastChunk()
    {
        var bytes = Utf8("text\na\nb\nc");

        var plan = await PlanAsync(bytes, targetBytes: 1);

        Assert.Equal(["a\n", "b\n", "c"], plan.Chunks.Select(c => Encoding.UTF8.GetString(bytes, (int)c.Start, (int)c.Length)));
        Assert.Equal([2, 3, 4], plan.Chunks.Select(c => c.FirstLine));
    }

    [Fact]
    public async Task PlanAsync_UnclosedQuote_KeepsTheRestOfTheFileInOneChunk()
    {
        var bytes = Utf8("text\nfine\n\"never closed\nmore\nand more\n");

        var plan = await PlanAsync(bytes, targetBytes: 1);

        Assert.Equal(2, plan.Chunks.Count);
        Assert.Equal("\"never closed\nmore\nand more\n", Encoding.UTF8.GetString(bytes, (int)plan.Chunks[1].Start, (int)plan.Chunks[1].Length));
    }

    [Fact]
    public async Task PlanAsync_HugeFile_KeepsToMaxChunksWithAFixedBuffer()
    {
        // 256 MiB of rows generated as they are read: the planner must neither hold the file nor make more chunks than asked.
        const long size = 256L * 1024 * 1024;
        await using var csv = new GeneratedCsv(size);
        // Per thread, so tests running alongside do not count: the generated stream completes every read synchronously,
        // so the whole pass stays on this thread.
        var before = GC.GetAllocatedBytesForCurrentThread();

        var plan = await CsvChunkPlanner.PlanAsync(csv, size, targetBytes: 1024, maxChunks: 100);

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.InRange(plan.Chunks.Count, 90, 101);
        Assert.Equal(size, plan.Length);
        Assert.Equal(size, plan.Chunks[^1].Start + plan.Chunks[^1].Length);
        Assert.True(allocated < 2 * 1024 * 1024, $"the plan of {size:N0} bytes allocated {allocated:N0} bytes");
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static async Task<CsvChunkPlan> PlanAsync(byte[] bytes, long targetBytes)
    {
        using var stream = new MemoryStream(bytes);
        return await CsvChunkPlanner.PlanAsync(stream, bytes.Length, targetBytes, maxChunks: 10_000);
    }

    /// <summary>A read-only stream of <c>text</c> rows (some quoted over two lines) that exists only as it is read.</summary>
    private sealed class GeneratedCsv(long length) : Stream
    {
        private static readonly byte[] Pattern = Encoding.UTF8.GetBytes("a plain row of text,1\n\"a quoted, \n two-line row\",2\n");
        private static readonly byte[] Header = Encoding.UTF8.GetBytes("text,id\n");
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = (int)Math.Min(buffer.Length, length - _position);
            for (var i = 0; i < n; i++, _position++)
            {
                buffer[i] = _position < Header.Length ? Header[_position] : Pattern[(_position - Header.Length) % Pattern.Length];
            }

            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
