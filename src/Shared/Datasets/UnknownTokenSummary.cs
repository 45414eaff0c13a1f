namespace Platform.Shared.Datasets;

/// <summary>
/// How much of the training split the base model's vocabulary sees: its tokens, how many are <c>[UNK]</c>, the tokens
/// added to the vocabulary for the run and the rate after them, with the words most often unknown before.
/// </summary>
public sealed record UnknownTokenSummary(
    long Tokens,
    long UnknownTokens,
    double UnknownRate,
    int AddedTokens,
    double UnknownRateAfter,
    IReadOnlyList<string> MostFrequentUnknown,
    string Decision);
