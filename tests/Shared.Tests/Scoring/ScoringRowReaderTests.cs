using System.Text;
using Platform.Shared.Csv;
using Platform.Shared.Datasets;
using Platform.Shared.Scoring;

namespace Platform.Shared.Tests.Scoring;

public sealed class ScoringRowReaderTests
{
    [Fact]
    public async Task Next_ChunksOfAFile_GiveEveryRecordOnceWithItsLineInTheFile()
    {
        var csv = "id,text,extra\n" + string.Join("\n", Enumerable.Range(0, 200).Select(i => i % 4 == 0 ? $"{i},\"two\nlines {i}\",x{i}" : $"{i},row {i},\"a, b\""));
        var bytes = Encoding.UTF8.GetBytes(csv);

        var records = await ReadAllAsync(bytes, targetBytes: 100);

        Assert.Equal(Enumerable.Range(0, 200).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), records.Select(r => r.Cells![0]));
        Assert.All(records, r => Assert.Null(r.Error));
        Assert.Equal("two\nlines 0", records[0].Cells![1]);
        Assert.Equal("a, b", records[1].Cells![2]);
        // Line of record i: the header, then every earlier record's lines (those with i % 4 == 0 take two).
        var line = 2;
        foreach (var record in records)
        {
            Assert.Equal(line, record.Line);
            line += record.Cells![1].Contains('\n', StringComparison.Ordinal) ? 2 : 1;
        }
    }

    [Theory]
    [InlineData("text,id\na,1\nb,2\nc,3\n  ,4\n", 5, DropReasonCodes.EmptyText, "line 5: the text column is empty")]
    [InlineData("text,id\na,1\nb,2,3\n", 3, DropReasonCodes.ColumnCountMismatch, "line 3: the row has 3 cells but the header on line 1 has 2")]
    [InlineData("text,id\na,1\n\"never closed,2\nc,3\n", 3, DatasetErrorCodes.UnbalancedQuotes, "starting on line 3 is never closed")]
    [InlineData("text;id\na;1\n;2\n", 3, DropReasonCodes.EmptyText, "line 3: the text column is empty")]
    public async Task Next_BadRow_NamesItsLine(string csv, int line, string code, string message)
    {
        var records = await ReadAllAsync(Encoding.UTF8.GetBytes(csv), targetBytes: 3);

        var error = Assert.Single(records, r => r.Error is not null).Error!;
        Assert.Equal(code, error.Code);
        Assert.Equal(line, error.Line);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Next_InvalidUtf8InALaterChunk_NamesTheLineOfTheFile()
    {
        var bytes = Encoding.UTF8.GetBytes("text\na\nb\nc\nd\n").Concat(new byte[] { 0xFF, (byte)'\n' }).ToArray();

        var records = await ReadAllAsync(bytes, targetBytes: 2);

        var error = Assert.Single(records, r => r.Error is not null).Error!;
        Assert.Equal(DatasetErrorCodes.NotText, error.Code);
        Assert.Equal(6, error.Line);
    }

    [Theory]
    [InlineData("id,body\n1,x\n", DatasetErrorCodes.MissingColumns, "line 1: the header has no 'text' column")]
    [InlineData("\n\nid,body\n", DatasetErrorCodes.MissingColumns, "line 3: the header has no 'text' column")]
    public void Header_WithoutTextColumn_NamesItsLineAndTheColumnsFound(string csv, string code, string message)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));

        Assert.Null(ScoringHeader.Read(stream, out var error));
        Assert.Equal(code, error!.Code);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.Contains("'body'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Header_SemicolonsAndByteOrderMark_AreReadAsForTrainingUploads()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("\uFEFFid; TEXT ;note\n"));

        var header = ScoringHeader.Read(stream, out var error);

        Assert.Null(error);
        Assert.Equal(["id", "TEXT", "note"], header!.Columns);
        Assert.Equal(1, header.TextIndex);
        Assert.Equal(';', header.Separator);
    }

    private static async Task<List<ScoringRecord>> ReadAllAsync(byte[] bytes, long targetBytes)
    {
        using var file = new MemoryStream(bytes);
        var plan = await CsvChunkPlanner.PlanAsync(file, bytes.Length, targetBytes, maxChunks: 1000);
        using var headerBytes = new MemoryStream(bytes, 0, (int)plan.HeaderEnd);
        var header = ScoringHeader.Read(headerBytes, out var headerError) ?? throw new InvalidOperationException(headerError!.Message);
        var records = new List<ScoringRecord>();
        foreach (var chunk in plan.Chunks)
        {
            using var part = new MemoryStream(bytes, (int)chunk.Start, (int)chunk.Length);
            using var reader = new ScoringRowReader(part, header, chunk.FirstLine, chunk.Start);
            while (reader.Next() is { } record)
            {
                records.Add(record);
            }
        }

        return records;
    }
}
