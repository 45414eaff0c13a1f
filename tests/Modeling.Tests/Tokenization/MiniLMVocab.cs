using Platform.Modeling.Tokenization;

namespace Platform.Modeling.Tests.Tokenization;

/// <summary>The all-MiniLM-L6-v2 (bert-base-uncased) vocabulary that the build copies next to the tests.</summary>
public static class MiniLMVocab
{
    public static string Path { get; } =
        System.IO.Path.Combine(AppContext.BaseDirectory, "base-models", "minilm-l6", "vocab.txt");

    public static WordPieceTokenizer Uncased { get; } = WordPieceTokenizer.FromVocabFile(Path);

    public static WordPieceTokenizer Cased { get; } = WordPieceTokenizer.FromVocabFile(Path, lowerCase: false);
}
