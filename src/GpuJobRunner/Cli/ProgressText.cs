using System.Globalization;
using Platform.Modeling.Training;

namespace Platform.GpuJobRunner.Cli;

/// <summary>One line describing a training step or evaluation.</summary>
internal static class ProgressText
{
    public static string Describe(TrainingProgress p)
    {
        var c = CultureInfo.InvariantCulture;
        var eta = p.Eta is { } e ? $" eta {e:hh\\:mm\\:ss}" : "";
        var validation = p.ValidationMacroF1 is { } f1 ? string.Create(c, $" val-macro-F1 {f1:0.0000}") : "";
        return string.Create(c, $"epoch {p.Epoch}/{p.Epochs} step {p.Step}/{p.TotalSteps} loss {p.Loss:0.0000} lr {p.LearningRate:0.00e+0} {p.SequencesPerSecond:0.0} seq/s{eta}{validation}");
    }
}
