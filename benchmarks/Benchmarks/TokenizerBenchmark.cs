using System.Collections.Concurrent;
using Platform.Modeling.Tokenization;

namespace Platform.Benchmarks;

/// <summary>WordPiece encoding rate over the SST-2 texts (token ids, no truncation, [CLS]/[SEP] not counted), on one thread and on all.</summary>
internal sealed class TokenizerBenchmark(WordPieceTokenizer tokenizer, IReadOnlyList<string> texts, TimeSpan minimum)
{
    public double SingleThreadTokensPerSecond() => Timing.Rate(() => Encode(0, texts.Count), minimum);

    public double AllCoresTokensPerSecond() => Timing.Rate(() =>
    {
        var total = 0L;
        Parallel.ForEach(
            Partitioner.Create(0, texts.Count, Math.Max(1, texts.Count / (Environment.ProcessorCount * 8))),
            range => Interlocked.Add(ref total, Encode(range.Item1, range.Item2)));
        return total;
    }, minimum);

    private long Encode(int from, int to)
    {
        var tokens = 0L;
        for (var i = from; i < to; i++)
        {
            tokens += tokenizer.EncodeWithoutSpecials(texts[i], int.MaxValue).Count;
        }

        return tokens;
    }
}
