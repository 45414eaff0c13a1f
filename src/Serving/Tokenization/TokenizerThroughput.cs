using System.Diagnostics;

namespace Platform.Modeling.Tokenization;

/// <summary>A manual throughput check: encodes texts repeatedly on one or more threads and reports tokens per second.</summary>
public static class TokenizerThroughput
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Runs <see cref="WordPieceTokenizer.Encode"/> over <paramref name="texts"/> (after a second of warm-up, so the
    /// JIT has tiered up) until
    /// <paramref name="minDuration"/> has passed, splitting each pass between <paramref name="threads"/> threads.
    /// </summary>
    public static ThroughputResult Measure(
        WordPieceTokenizer tokenizer, IReadOnlyList<string> texts, int threads, TimeSpan minDuration, int maxLength = 512)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);

        var stopwatch = Stopwatch.StartNew();
        do
        {
            EncodePass(tokenizer, texts, threads, maxLength);
        }
        while (stopwatch.Elapsed < WarmUp);

        long tokens = 0;
        var passes = 0;
        stopwatch.Restart();
        do
        {
            tokens += EncodePass(tokenizer, texts, threads, maxLength);
            passes++;
        }
        while (stopwatch.Elapsed < minDuration);

        stopwatch.Stop();
        return new ThroughputResult(threads, passes, tokens, stopwatch.Elapsed);
    }

    private static long EncodePass(WordPieceTokenizer tokenizer, IReadOnlyList<string> texts, int threads, int maxLength)
    {
        long tokens = 0;
        Parallel.For(
            0,
            threads,
            new ParallelOptions { MaxDegreeOfParallelism = threads },
            thread =>
            {
                long local = 0;
                for (var i = thread; i < texts.Count; i += threads)
                {
                    local += tokenizer.Encode(texts[i], maxLength).Length - 2;
                }

                Interlocked.Add(ref tokens, local);
            });
        return tokens;
    }
}
