namespace Platform.Modeling.Tokenization;

/// <summary>Counts tokens, [UNK] tokens and, per word, how often it became [UNK]; the counts dictionary is shared by copies.</summary>
internal struct UnknownWordCounter(int unknownId, Dictionary<string, int> unknownWords) : IUnknownWordSink
{
    public int Tokens { get; private set; }

    public int UnknownTokens { get; private set; }

    public bool Accept(int id)
    {
        Tokens++;
        UnknownTokens += id == unknownId ? 1 : 0;
        return true;
    }

    public readonly void Unknown(ReadOnlySpan<char> word)
    {
        var key = word.ToString();
        unknownWords[key] = unknownWords.GetValueOrDefault(key) + 1;
    }
}
