namespace Platform.Modeling.Tokenization;

/// <summary>A token sink that also hears which words became [UNK] (a word too long for WordPiece is not reported).</summary>
internal interface IUnknownWordSink : ITokenSink
{
    /// <summary>Called before the [UNK] id of <paramref name="word"/> (normalized: lower-cased and stripped of accents in an uncased model).</summary>
    void Unknown(ReadOnlySpan<char> word);
}
