using System.Globalization;
using System.Text;

namespace Platform.Modeling.Evaluation;

/// <summary>Column layout of a scikit-learn style report: a right-aligned name column, then nine-wide numeric columns.</summary>
/// <param name="NameWidth">Width of the name column.</param>
/// <param name="Digits">Decimal places of the scores.</param>
/// <param name="Extra">Header of an optional last numeric column, or null for none.</param>
internal sealed record ScoreTable(int NameWidth, int Digits, string? Extra)
{
    private const int ColumnWidth = 9;

    public void AppendHeader(StringBuilder text)
    {
        text.Append(new string(' ', NameWidth + 1));
        foreach (var header in Extra is null ? Headers : [.. Headers, Extra])
        {
            text.Append(' ').Append(header.PadLeft(ColumnWidth));
        }

        text.Append("\n\n");
    }

    public void AppendRow(StringBuilder text, string name, double precision, double recall, double f1, int support, float? extra = null)
    {
        text.Append(name.PadLeft(NameWidth)).Append(' ');
        AppendScore(text, precision);
        AppendScore(text, recall);
        AppendScore(text, f1);
        text.Append(' ').Append(support.ToString(CultureInfo.InvariantCulture).PadLeft(ColumnWidth));
        if (extra is { } value)
        {
            AppendScore(text, value);
        }

        text.Append('\n');
    }

    /// <summary>Accuracy sits in the F1 column, as in scikit-learn, with blank precision and recall.</summary>
    public void AppendAccuracy(StringBuilder text, double accuracy, int count)
    {
        text.Append("accuracy".PadLeft(NameWidth)).Append(' ');
        text.Append(new string(' ', 2 * (ColumnWidth + 1)));
        AppendScore(text, accuracy);
        text.Append(' ').Append(count.ToString(CultureInfo.InvariantCulture).PadLeft(ColumnWidth)).Append('\n');
    }

    private static string[] Headers => ["precision", "recall", "f1-score", "support"];

    private void AppendScore(StringBuilder text, double value) =>
        text.Append(' ').Append(value.ToString("F" + Digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture).PadLeft(ColumnWidth));
}
