namespace Platform.Modeling.Tokenization;

/// <summary>What <see cref="TokenizerThroughput.Measure"/> measured; tokens exclude [CLS] and [SEP].</summary>
public sealed record ThroughputResult(int Threads, int Passes, long Tokens, TimeSpan Elapsed)
{
    public double TokensPerSecond => Tokens / Elapsed.TotalSeconds;

    public override string ToString() =>
        $"{TokensPerSecond / 1e6:F2}M tokens/s on {Threads} thread(s): {Tokens:N0} tokens in {Elapsed.TotalSeconds:F2}s ({Passes} passes)";
}
