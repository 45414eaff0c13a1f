using Platform.Modeling.Tokenization;
using Xunit.Abstractions;

namespace Platform.Modeling.Tests.Tokenization;

/// <summary>
/// A measurement, not a test: set TOKENIZER_THROUGHPUT=1 and run
/// <c>dotnet test tests/Modeling.Tests --filter TokenizerThroughputTests --logger "console;verbosity=detailed"</c>.
/// Timings are never asserted.
/// </summary>
public sealed class TokenizerThroughputTests(ITestOutputHelper output)
{
    [Fact]
    public void Measure_Sst2First20k_ReportsTokensPerSecond()
    {
        if (Environment.GetEnvironmentVariable("TOKENIZER_THROUGHPUT") is null || Sst2Sample.Texts is not { } texts)
        {
            output.WriteLine("Set TOKENIZER_THROUGHPUT=1 (and have the SST-2 CSV) to measure.");
            return;
        }

        foreach (var threads in new[] { 1, Environment.ProcessorCount })
        {
            var result = TokenizerThroughput.Measure(MiniLMVocab.Uncased, texts, threads, TimeSpan.FromSeconds(3));
            output.WriteLine(result.ToString());
            Assert.True(result.Tokens > 0);
        }
    }
}
