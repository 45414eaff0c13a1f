using Platform.Modeling.Tokenization;
using MlBertOptions = Microsoft.ML.Tokenizers.BertOptions;
using MlBertTokenizer = Microsoft.ML.Tokenizers.BertTokenizer;

namespace Platform.Modeling.Tests.Tokenization;

/// <summary>
/// Why the product tokenizer is our own: FastBertTokenizer 1.2.6 and Microsoft.ML.Tokenizers 2.0.1 against
/// Hugging Face's BertTokenizer. Each case records whether each library agrees with HF; if an upgrade fixes one,
/// its flag fails here and the choice is worth revisiting.
/// </summary>
public sealed class LibraryComparisonTests
{
    private static readonly Lazy<FastBertTokenizer.BertTokenizer> FastBert = new(() =>
    {
        var tokenizer = new FastBertTokenizer.BertTokenizer();
        using var reader = File.OpenText(MiniLMVocab.Path);
        tokenizer.LoadVocabulary(reader, convertInputToLowercase: true);
        return tokenizer;
    });

    private static readonly Lazy<MlBertTokenizer> MlTokenizers = new(() => MlBertTokenizer.Create(
        MiniLMVocab.Path,
        new MlBertOptions { LowerCaseBeforeTokenization = true, RemoveNonSpacingMarks = true, IndividuallyTokenizeCjk = true }));

    public static TheoryData<string, string[], bool, bool> Cases => new()
    {
        // text, HF tokens, FastBertTokenizer agrees, Microsoft.ML.Tokenizers agrees
        { "hello world", ["hello", "world"], true, true },
        { "$5.00", ["$", "5", ".", "00"], true, false },
        { "naïve café résumé", ["naive", "cafe", "resume"], true, true },
        { "Héllo", ["hello"], true, true },
        { "ÉCOLE", ["ecole"], true, true },
        { "我爱北京天安门", ["我", "[UNK]", "北", "京", "天", "安", "[UNK]"], true, true },
        { "hello世界", ["hello", "世", "[UNK]"], true, true },
        { "I love 🍕 pizza 😀", ["i", "love", "[UNK]", "pizza", "[UNK]"], true, false },
        { "don't", ["don", "'", "t"], true, true },
        { "unaffable", ["una", "##ffa", "##ble"], true, true },
        { "^_^ `x`", ["^", "_", "^", "`", "x", "`"], true, false },
        { new string('a', 101), ["[UNK]"], false, true },
        { "hello\u0000wor\u0007ld\uFFFD!", ["hello", "##world", "!"], true, true },
        { "tab\there\nnew\r\nline", ["tab", "here", "new", "line"], true, false },
        { "zero\u200Bwidth", ["zero", "##wi", "##dt", "##h"], true, false },
        { "[CLS] hello [SEP]", ["[CLS]", "hello", "[SEP]"], false, true },
        { "[cls] x", ["[", "cl", "##s", "]", "x"], true, false },
        { "\U00020000 x", ["[UNK]", "x"], true, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Tokenize_ComparisonCase_OursMatchesHuggingFaceAndLibrariesAsRecorded(
        string text, string[] huggingFace, bool fastBertAgrees, bool mlTokenizersAgrees)
    {
        var tokenizer = MiniLMVocab.Uncased;

        Assert.Equal(huggingFace, tokenizer.Tokenize(text));
        Assert.Equal(fastBertAgrees, huggingFace.SequenceEqual(FastBertTokens(tokenizer, text)));
        Assert.Equal(mlTokenizersAgrees, huggingFace.SequenceEqual(MlTokens(tokenizer, text)));
    }

    private static string[] FastBertTokens(WordPieceTokenizer vocab, string text)
    {
        var ids = FastBert.Value.Encode(text, 512).InputIds.ToArray();
        return [.. ids.Select(id => vocab.IdToToken((int)id)).Where(token => token is not ("[CLS]" or "[SEP]" or "[PAD]"))];
    }

    private static string[] MlTokens(WordPieceTokenizer vocab, string text) =>
        [.. MlTokenizers.Value.EncodeToIds(text, addSpecialTokens: false).Select(vocab.IdToToken)];
}
