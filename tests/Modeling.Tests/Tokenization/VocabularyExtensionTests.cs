using Platform.Modeling.BaseModels;
using Platform.Modeling.Tokenization;
using Platform.Shared.Datasets;
using Platform.Shared.Training;

namespace Platform.Modeling.Tests.Tokenization;

/// <summary>Which unknown characters join the vocabulary, and what that does to the unknown-token rate.</summary>
public sealed class VocabularyExtensionTests
{
    private static readonly WordPieceTokenizer Small = WordPieceTokenizer.FromVocabLines(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "a", "##b"]);

    private static WordPieceTokenizer MiniLm => WordPieceTokenizer.FromVocabFile(BaseModelResolver.Resolve(BaseModelResolver.MiniLmL6).VocabPath);

    [Fact]
    public void Plan_Extend_AddsTheMissingPiecesThatOccurTwiceAsStartsOrContinuations()
    {
        // "ac" twice needs "##c"; "ca" twice needs "c" (then "##a"); "xyz" once is left unknown.
        var (added, summary) = VocabularyExtension.Plan(["ab ac", "ac ca ca xyz"], Small, VocabularyMode.Extend);

        Assert.Equal(["##a", "##c", "c"], added.Order(StringComparer.Ordinal));
        Assert.Equal(7, summary.Tokens);
        Assert.Equal(5, summary.UnknownTokens);
        Assert.Equal(3, summary.AddedTokens);
        var extended = Small.Extend(added);
        Assert.Equal(["a", "##c"], extended.Tokenize("ac"));
        Assert.Equal(["c", "##a"], extended.Tokenize("ca"));
        Assert.Equal(["[UNK]"], extended.Tokenize("xyz"));
        Assert.Equal(Small.VocabSize + 3, extended.VocabSize);
        Assert.Equal(Small.TokenToId("##b"), extended.TokenToId("##b"));
        // 11 tokens after (a ##b, a ##c twice, c ##a twice, xyz), one of them unknown.
        Assert.Equal(1 / 11.0, summary.UnknownRateAfter, 1e-9);
    }

    [Fact]
    public void Plan_ChineseReviews_AddsTheFrequentCharactersAndSeesMostOfTheText()
    {
        var texts = ReadTexts("chnsenticorp-sample.csv");

        var (added, summary) = VocabularyExtension.Plan(texts, MiniLm, VocabularyMode.Auto);

        Assert.True(summary.UnknownRate > 0.5, $"[UNK] rate before {summary.UnknownRate:P1}");
        Assert.True(summary.UnknownRateAfter < 0.05, $"[UNK] rate after {summary.UnknownRateAfter:P1}");
        Assert.Contains("是", added);
        Assert.Contains("好", added);
        Assert.Contains("是", summary.MostFrequentUnknown.Take(10));
        Assert.Equal(added, VocabularyExtension.Plan(texts, MiniLm, VocabularyMode.Auto).Added);
        Assert.Equal(["是"], MiniLm.Extend(added).Tokenize("是"));
    }

    [Fact]
    public void Plan_EnglishReviews_StayUnderTheThresholdAndAddNothing()
    {
        var (added, summary) = VocabularyExtension.Plan(ReadTexts("sst2-sample.csv"), MiniLm, VocabularyMode.Auto);

        Assert.Empty(added);
        Assert.True(summary.UnknownRate < VocabularyExtension.AutoThreshold);
        Assert.Equal(summary.UnknownRate, summary.UnknownRateAfter);
        Assert.Contains("under the 1%", summary.Decision, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_Base_KeepsTheVocabularyWhateverTheRate()
    {
        var (added, summary) = VocabularyExtension.Plan(ReadTexts("chnsenticorp-sample.csv"), MiniLm, VocabularyMode.Base);

        Assert.Empty(added);
        Assert.True(summary.UnknownRate > 0.5);
        Assert.Equal("vocabulary base: kept as it is", summary.Decision);
    }

    private static List<string> ReadTexts(string file)
    {
        var read = DatasetReader.Read(Path.Combine(TestSupport.RepositoryRoot.Path, "tests", "Shared.Tests", "data", file), new DatasetOptions { MinRows = 1 }, _ => 0);
        return [.. read.Dataset!.Examples.Select(e => e.Text)];
    }
}
