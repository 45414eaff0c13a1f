using System.Text.Json;
using Platform.Modeling.Tokenization;
using Xunit.Abstractions;

namespace Platform.Modeling.Tests.Tokenization;

/// <summary>
/// Differential checks against Reference/hf_bert_reference.py, a port of HF's BertTokenizer: random Unicode
/// strings (fixture), and a checksum of the ids of the first 20,000 SST-2 texts.
/// </summary>
public sealed class HuggingFaceReferenceTests(ITestOutputHelper output)
{
    // From hf_bert_reference.py over the first 20,000 SST-2 texts: FNV-1a (64-bit) of every id, 0xFFFFFFFF after each text.
    private const long Sst2TokenCount = 227_810;
    private const ulong Sst2Checksum = 0xf7b73e989581c061;

    public static TheoryData<int> FixtureLines => [.. Enumerable.Range(0, ReadFixture().Count)];

    [Theory]
    [MemberData(nameof(FixtureLines))]
    public void Tokenize_RandomUnicodeText_MatchesReferenceInBothCasings(int line)
    {
        var reference = ReadFixture()[line];

        Assert.Equal(reference.Uncased, MiniLMVocab.Uncased.Tokenize(reference.Text));
        Assert.Equal(reference.Cased, MiniLMVocab.Cased.Tokenize(reference.Text));
        Assert.Equal(reference.Uncased.Length, MiniLMVocab.Uncased.CountTokens(reference.Text));
    }

    [Fact]
    public void Encode_Sst2First20k_MatchesReferenceChecksum()
    {
        if (Sst2Sample.Texts is not { } texts)
        {
            output.WriteLine($"{Sst2Sample.Path} is not on this machine; nothing to compare.");
            return;
        }

        long count = 0;
        var hash = 0xcbf29ce484222325UL;
        foreach (var text in texts)
        {
            foreach (var id in MiniLMVocab.Uncased.EncodeWithoutSpecials(text, int.MaxValue))
            {
                hash = Fnv(hash, (uint)id);
                count++;
            }

            hash = Fnv(hash, 0xFFFFFFFF);
        }

        Assert.Equal(Sst2TokenCount, count);
        Assert.Equal(Sst2Checksum, hash);
    }

    [Fact]
    public void Encode_ManyThreadsSharingOneTokenizer_GiveSequentialResults()
    {
        var texts = Sst2Sample.Texts ?? [.. ReadFixture().Select(reference => reference.Text)];
        var tokenizer = MiniLMVocab.Uncased;
        var sequential = texts.Select(text => tokenizer.Encode(text, 128)).ToArray();
        var parallel = new int[texts.Count][];

        Parallel.For(0, texts.Count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => parallel[i] = tokenizer.Encode(texts[i], 128));

        Assert.Equal(sequential, parallel);
    }

    private static ulong Fnv(ulong hash, uint value) => (hash ^ value) * 0x100000001b3UL;

    private static List<ReferenceCase> ReadFixture() =>
        [.. File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Tokenization", "Reference", "hf-bert-reference.jsonl"))
            .Select(line => JsonSerializer.Deserialize<ReferenceCase>(line, JsonOptions)!)];

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
}
