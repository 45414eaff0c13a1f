namespace Platform.Modeling.Tokenization;

/// <summary>Collects token ids into a list, stopping once it holds <c>limit</c> of them.</summary>
internal readonly struct TokenIdCollector(List<int> ids, int limit) : ITokenSink
{
    public List<int> Ids { get; } = ids;

    public bool Accept(int id)
    {
        if (Ids.Count >= limit)
        {
            return false;
        }

        Ids.Add(id);
        return Ids.Count < limit;
    }
}
