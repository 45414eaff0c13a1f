using System.Globalization;
using Platform.Shared.Datasets;
using Platform.Shared.Training;

namespace Platform.Modeling.Tokenization;

/// <summary>
/// Measures how much of a training split a vocabulary sees and, where it sees too little, picks the tokens to add: the
/// characters of the words that became <c>[UNK]</c> (as a word start for the first character, <c>##</c> continuations
/// for the others, so every such word can then be pieced), the most frequent first. The same texts, vocabulary and mode
/// always give the same tokens in the same order.
/// </summary>
public static class VocabularyExtension
{
    /// <summary>The <c>[UNK]</c> share of the training tokens from which <c>auto</c> extends.</summary>
    public const double AutoThreshold = 0.01;

    /// <summary>A token must stand for at least this many unknown occurrences in the training split to be added.</summary>
    public const int MinOccurrences = 2;

    /// <summary>At most this many tokens are added.</summary>
    public const int MaxAdded = 8000;

    private const int ReportedWords = 20;

    private const int ReportedWordLength = 24;

    /// <summary>The tokens to add (empty when none) and the summary for the validation report.</summary>
    public static (IReadOnlyList<string> Added, UnknownTokenSummary Summary) Plan(IReadOnlyList<string> texts, WordPieceTokenizer tokenizer, VocabularyMode mode)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(tokenizer);
        var unknownWords = new Dictionary<string, int>(StringComparer.Ordinal);
        var (tokens, unknown) = Count(texts, tokenizer, unknownWords);
        var rate = tokens == 0 ? 0 : (double)unknown / tokens;
        var candidates = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (word, count) in unknownWords)
        {
            var first = true;
            foreach (var rune in word.EnumerateRunes())
            {
                var token = first ? rune.ToString() : "##" + rune.ToString();
                first = false;
                if (tokenizer.TokenToId(token) == tokenizer.UnkId)
                {
                    candidates[token] = candidates.GetValueOrDefault(token) + count;
                }
            }
        }

        var extend = mode == VocabularyMode.Extend || (mode == VocabularyMode.Auto && rate >= AutoThreshold);
        IReadOnlyList<string> added = extend
            ? [.. candidates.Where(c => c.Value >= MinOccurrences).OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Take(MaxAdded).Select(c => c.Key)]
            : [];
        var rateAfter = rate;
        if (added.Count > 0)
        {
            var (tokensAfter, unknownAfter) = Count(texts, tokenizer.Extend(added), new Dictionary<string, int>(StringComparer.Ordinal));
            rateAfter = tokensAfter == 0 ? 0 : (double)unknownAfter / tokensAfter;
        }

        var mostFrequent = unknownWords.OrderByDescending(w => w.Value).ThenBy(w => w.Key, StringComparer.Ordinal).Take(ReportedWords)
            .Select(w => w.Key.Length > ReportedWordLength ? w.Key[..ReportedWordLength] + "…" : w.Key).ToList();
        var summary = new UnknownTokenSummary(tokens, unknown, rate, added.Count, rateAfter, mostFrequent, Decision(mode, rate, extend, added.Count));
        return (added, summary);
    }

    /// <summary>A share as a percentage with one decimal, the same in every culture ("74.1%").</summary>
    internal static string Percent(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Decision(VocabularyMode mode, double rate, bool extend, int added)
    {
        var (share, threshold) = (Percent(rate), (AutoThreshold * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%");
        return (mode, extend, added) switch
        {
            (VocabularyMode.Base, _, _) => "vocabulary base: kept as it is",
            (_, true, 0) => $"nothing to add: no unknown character occurs {MinOccurrences} times",
            (VocabularyMode.Extend, _, _) => $"vocabulary extend: added the unknown characters that occur at least {MinOccurrences} times",
            (_, true, _) => $"auto: {share} of the training tokens were [UNK] (extending from {threshold}), so the frequent unknown characters were added",
            _ => $"auto: {share} of the training tokens are [UNK], under the {threshold} that extends",
        };
    }

    private static (long Tokens, long Unknown) Count(IReadOnlyList<string> texts, WordPieceTokenizer tokenizer, Dictionary<string, int> unknownWords)
    {
        long tokens = 0;
        long unknown = 0;
        foreach (var text in texts)
        {
            var (n, u) = tokenizer.CountUnknown(text, unknownWords);
            tokens += n;
            unknown += u;
        }

        return (tokens, unknown);
    }
}
