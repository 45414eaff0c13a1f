using System.Globalization;
using Platform.Modeling.Evaluation;
using Platform.Modeling.FineTuning;

namespace Platform.GpuJobRunner.Cli;

/// <summary>Plain-text results that read the same on a terminal and in a log.</summary>
internal static class ResultPrinter
{
    public static string Training(FineTuneResult outcome)
    {
        var c = CultureInfo.InvariantCulture;
        var t = outcome.Training;
        var lines = new List<string>
        {
            "Held-out test split:",
            outcome.TestReport,
            Summary(outcome.Test),
            string.Create(c, $"training        {t.Steps} steps in {t.Elapsed:hh\\:mm\\:ss} ({t.SequencesPerSecond:0.0} seq/s){(t.StoppedEarly ? ", stopped early" : "")}{(t.Resumed ? ", resumed" : "")}"),
            string.Create(c, $"best validation macro-F1 {t.BestMacroF1:0.0000} at step {t.BestStep}"),
            string.Create(c, $"serving precision {outcome.Precision.Precision} (validation fp32 {outcome.Precision.Fp32Score:0.0000}{(outcome.Precision.Int8Score is { } q ? string.Create(c, $", int8 {q:0.0000}") : "")})"),
            $"model package   {outcome.PackageDirectory}",
        };
        return string.Join(Environment.NewLine, lines);
    }

    public static string Summary(MetricsSummary summary)
    {
        var c = CultureInfo.InvariantCulture;
        var headline = summary.Accuracy is { } accuracy
            ? string.Create(c, $"accuracy {accuracy:0.0000}")
            : string.Create(c, $"subset accuracy {summary.SubsetAccuracy:0.0000}  hamming loss {summary.HammingLoss:0.0000}");
        return string.Create(c, $"{summary.Task}: n={summary.Count}  {headline}  macro-F1 {summary.MacroF1:0.0000}  micro-F1 {summary.MicroF1:0.0000}  weighted-F1 {summary.WeightedF1:0.0000}");
    }
}
