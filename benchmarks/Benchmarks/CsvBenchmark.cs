using Platform.Shared.Datasets;

namespace Platform.Benchmarks;

/// <summary>
/// <see cref="DatasetReader"/> validation rate (parse, UTF-8 check, duplicate filter, report) over the whole CSV,
/// read from memory so the disk is not measured.
/// </summary>
internal sealed class CsvBenchmark(string csvPath, TimeSpan minimum)
{
    public (int Rows, double RowsPerSecond) Run()
    {
        var bytes = File.ReadAllBytes(csvPath);
        var options = new DatasetOptions();
        var rows = 0;
        var rate = Timing.Rate(() =>
        {
            using var stream = new MemoryStream(bytes, writable: false);
            rows = DatasetReader.Read(stream, options).Report.RowsRead;
            return rows;
        }, minimum);
        return (rows, rate);
    }
}
