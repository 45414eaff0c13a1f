using ScottPlot;

namespace Platform.Pipeline.Activities;

/// <summary>The model card's images, drawn with ScottPlot: the training curve and the confusion matrix, as PNG bytes.</summary>
public static class CardCharts
{
    private const int Width = 640;
    private const int Height = 360;

    /// <summary>Training loss and validation macro-F1 at each evaluation.</summary>
    public static byte[] TrainingCurve(IReadOnlyList<(int Step, double TrainLoss, double MacroF1)> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var plot = new Plot();
        double[] steps = [.. history.Select(h => (double)h.Step)];
        var loss = plot.Add.Scatter(steps, [.. history.Select(h => h.TrainLoss)]);
        loss.LegendText = "training loss";
        var f1 = plot.Add.Scatter(steps, [.. history.Select(h => h.MacroF1)]);
        f1.LegendText = "validation macro-F1";
        plot.Title("Training");
        plot.XLabel("optimizer step");
        plot.ShowLegend(Alignment.LowerLeft);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>Counts per (actual, predicted) pair as a heatmap, actual classes top to bottom.</summary>
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
        for (var actual = 0; actual < matrix.Length; actual++)
        {
            for (var predicted = 0; predicted < labels.Count; predicted++)
            {
                var text = plot.Add.Text(matrix[actual][predicted].ToString(System.Globalization.CultureInfo.InvariantCulture), predicted, matrix.Length - 1 - actual);
                text.LabelAlignment = Alignment.MiddleCenter;
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
