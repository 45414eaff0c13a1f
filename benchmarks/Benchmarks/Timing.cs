using System.Diagnostics;

namespace Platform.Benchmarks;

/// <summary>Small timing helpers: repeat until a minimum duration, and latency percentiles.</summary>
internal static class Timing
{
    /// <summary>Runs <paramref name="work"/> (returning units done) until <paramref name="minimum"/> has passed; returns units per second.</summary>
    public static double Rate(Func<long> work, TimeSpan minimum)
    {
        work();
        var units = 0L;
        var clock = Stopwatch.StartNew();
        do
        {
            units += work();
        }
        while (clock.Elapsed < minimum);
        return units / clock.Elapsed.TotalSeconds;
    }

    /// <summary>Nearest-rank percentile of <paramref name="sorted"/> (ascending), <paramref name="p"/> in [0, 1].</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    /// <summary>Per-call milliseconds, sorted, after <paramref name="warmup"/> untimed calls.</summary>
    public static double[] Latencies(Action call, int warmup, int runs)
    {
        for (var i = 0; i < warmup; i++)
        {
            call();
        }

        var result = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            call();
            result[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(result);
        return result;
    }
}
