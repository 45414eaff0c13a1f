using ScottPlot;

namespace Platform.Pipeline.Activities;

/// <summary>The model card's images, drawn with ScottPlot: the training curve and the confusion matrix, as PNG bytes.</summary>
public static class CardCharts
{
    private const int Width = 640;
    private const int Height = 360;

    /// <summary>The training loss at every logged step (a line) and validation macro-F1 at each evaluation (points).</summary>
    public static byte[] TrainingCurve(IReadOnlyList<(int Step, double Loss)> losses, IReadOnlyList<(int Step, double MacroF1)> evaluations)
    {
        ArgumentNullException.ThrowIfNull(losses);
        ArgumentNullException.ThrowIfNull(evaluations);
        var plot = new Plot();
        var loss = plot.Add.Scatter(losses.Select(p => (double)p.Step).ToArray(), losses.Select(p => p.Loss).ToArray());
        loss.LegendText = "training loss";
        loss.MarkerSize = losses.Count > 30 ? 0 : 5;
        var f1 = plot.Add.Scatter(evaluations.Select(p => (double)p.Step).ToArray(), evaluations.Select(p => p.MacroF1).ToArray());
        f1.LegendText = "validation macro-F1";
        f1.MarkerSize = 7;
        plot.Title("Training");
        plot.XLabel("optimizer step");
        plot.ShowLegend(Alignment.LowerLeft);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>Whether a count's cell lies in the dark half of the colour scale (white digits there, black elsewhere).</summary>
    internal static bool OnDarkCell(int count, int largest) => largest > 0 && count > largest / 2.0;

    /// <summary>Counts per (actual, predicted) pair as a heatmap, actual classes top to bottom, each count readable on its cell.</summary>
    public static byte[] ConfusionMatrix(IReadOnlyList<string> labels, int[][] matrix)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(matrix);
        var values = new double[matrix.Length, labels.Count];
        for (var actual = 0; actual < matrix.Length; actual++)
        {
            for (var predicted = 0; predicted < labels.Count; predicted++)
            {
                values[actual, predicted] = matrix[actual][predicted];
            }
        }

        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(values);
        heatmap.Colormap = new ScottPlot.Colormaps.Blues();
        plot.Add.ColorBar(heatmap);
        var largest = matrix.SelectMany(row => row).DefaultIfEmpty(0).Max();
        for (var actual = 0; actual < matrix.Length; actual++)
        {
            for (var predicted = 0; predicted < labels.Count; predicted++)
            {
                var count = matrix[actual][predicted];
                var text = plot.Add.Text(count.ToString(System.Globalization.CultureInfo.InvariantCulture), predicted, matrix.Length - 1 - actual);
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontColor = OnDarkCell(count, largest) ? Colors.White : Colors.Black;
            }
        }

        double[] ticks = [.. Enumerable.Range(0, labels.Count).Select(i => (double)i)];
        plot.Axes.Bottom.SetTicks(ticks, [.. labels]);
        plot.Axes.Left.SetTicks(ticks, [.. labels.Reverse()]);
        plot.XLabel("predicted");
        plot.YLabel("actual");
        plot.Title("Confusion matrix (held-out)");
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }
}
