namespace Platform.Modeling.Tokenization;

/// <summary>How BasicTokenizer splits at a character.</summary>
internal enum CharKind : byte
{
    /// <summary>Part of a word.</summary>
    Word,

    /// <summary>Separates words and is dropped.</summary>
    Whitespace,

    /// <summary>A word of its own.</summary>
    Punctuation,
}
