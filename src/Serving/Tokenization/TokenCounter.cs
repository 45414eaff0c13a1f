namespace Platform.Modeling.Tokenization;

/// <summary>Counts tokens without keeping them.</summary>
internal struct TokenCounter : ITokenSink
{
    public int Count { get; private set; }

    public bool Accept(int id)
    {
        Count++;
        return true;
    }
}
