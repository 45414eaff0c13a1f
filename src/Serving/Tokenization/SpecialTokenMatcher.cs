namespace Platform.Modeling.Tokenization;

/// <summary>Finds BERT's special tokens ([PAD], [UNK], [CLS], [SEP], [MASK]) written literally in text, case-sensitively.</summary>
internal sealed class SpecialTokenMatcher
{
    public static readonly IReadOnlyList<string> BertSpecialTokens = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"];

    private readonly (string Token, int Id)[] _tokens;

    public SpecialTokenMatcher(WordPieceVocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        _tokens = [.. BertSpecialTokens
            .Select(token => (Token: token, Found: vocabulary.TryGetId(token, out var id), Id: id))
            .Where(special => special.Found)
            .Select(special => (special.Token, special.Id))];
    }

    /// <summary>The first special token in <paramref name="text"/>.</summary>
    public bool Find(ReadOnlySpan<char> text, out int index, out int length, out int id)
    {
        var offset = 0;
        int bracket;
        while ((bracket = text[offset..].IndexOf('[')) >= 0)
        {
            index = offset + bracket;
            if (StartsWithToken(text[index..], out length, out id))
            {
                return true;
            }

            offset = index + 1;
        }

        (index, length, id) = (-1, 0, -1);
        return false;
    }

    /// <summary>Whether <paramref name="text"/> starts with a special token that ends at a space or the end.</summary>
    public bool MatchWord(ReadOnlySpan<char> text, out int length, out int id) =>
        StartsWithToken(text, out length, out id) && (length == text.Length || text[length] == ' ');

    private bool StartsWithToken(ReadOnlySpan<char> text, out int length, out int id)
    {
        foreach (var (token, tokenId) in _tokens)
        {
            if (text.StartsWith(token, StringComparison.Ordinal))
            {
                (length, id) = (token.Length, tokenId);
                return true;
            }
        }

        (length, id) = (0, -1);
        return false;
    }
}
