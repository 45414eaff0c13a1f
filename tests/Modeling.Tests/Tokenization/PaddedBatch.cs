using Platform.Modeling.Tokenization;

namespace Platform.Modeling.Tests.Tokenization;

/// <summary>Texts tokenized with a vocabulary and padded to the longest: the ids, the 0/1 attention mask and [batch, length].</summary>
internal static class PaddedBatch
{
    public static (long[] Ids, long[] Mask, int[] Shape) Encode(string vocabPath, IReadOnlyList<string> texts)
    {
        var tokenizer = WordPieceTokenizer.FromVocabFile(vocabPath);
        var rows = texts.Select(s => tokenizer.Encode(s, 128)).ToArray();
        var length = rows.Max(r => r.Length);
        var ids = new long[rows.Length * length];
        var mask = new long[rows.Length * length];
        for (var r = 0; r < rows.Length; r++)
        {
            for (var c = 0; c < rows[r].Length; c++)
            {
                ids[(r * length) + c] = rows[r][c];
                mask[(r * length) + c] = 1;
            }
        }

        return (ids, mask, [rows.Length, length]);
    }
}
