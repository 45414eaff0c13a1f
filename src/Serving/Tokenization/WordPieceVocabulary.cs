namespace Platform.Modeling.Tokenization;

/// <summary>A BERT vocabulary with allocation-free lookups for word-initial and "##" continuation pieces.</summary>
internal sealed class WordPieceVocabulary
{
    internal const string ContinuationPrefix = "##";

    private readonly string[] _tokens;
    private readonly Dictionary<string, int> _ids;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _wordStarts;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _continuations;

    private WordPieceVocabulary(string[] tokens)
    {
        _tokens = tokens;
        _ids = new Dictionary<string, int>(tokens.Length, StringComparer.Ordinal);
        var continuations = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var id = 0; id < tokens.Length; id++)
        {
            // Later duplicates win, as in Hugging Face's load_vocab.
            var token = tokens[id];
            _ids[token] = id;
            MaxWordStartLength = Math.Max(MaxWordStartLength, token.Length);
            if (token.Length > ContinuationPrefix.Length && token.StartsWith(ContinuationPrefix, StringComparison.Ordinal))
            {
                var suffix = token[ContinuationPrefix.Length..];
                continuations[suffix] = id;
                MaxContinuationLength = Math.Max(MaxContinuationLength, suffix.Length);
            }
        }

        _wordStarts = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
        _continuations = continuations.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count => _tokens.Length;

    /// <summary>Longest token in UTF-16 units: no longer piece can match, which bounds the greedy search.</summary>
    public int MaxWordStartLength { get; }

    public int MaxContinuationLength { get; }

    public static WordPieceVocabulary FromLines(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);

        // Python's text mode reads "\r\n" as "\n", so a CRLF vocabulary (the MiniLM package ships one)
        // means the same tokens as an LF one.
        var tokens = lines.Select(line => line.TrimEnd('\r', '\n')).ToArray();
        return tokens.Length == 0
            ? throw new InvalidDataException("The vocabulary is empty: expected one WordPiece token per line.")
            : new WordPieceVocabulary(tokens);
    }

    public string this[int id] => _tokens[id];

    public bool TryGetId(string token, out int id) => _ids.TryGetValue(token, out id);

    public bool TryGetWordStart(ReadOnlySpan<char> piece, out int id) => _wordStarts.TryGetValue(piece, out id);

    public bool TryGetContinuation(ReadOnlySpan<char> suffix, out int id) => _continuations.TryGetValue(suffix, out id);

    public int RequireId(string token) =>
        _ids.TryGetValue(token, out var id)
            ? id
            : throw new InvalidDataException($"The vocabulary has no '{token}' token; a BERT WordPiece vocabulary needs it.");
}
