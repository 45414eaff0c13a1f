using System.Globalization;
using Platform.Modeling.Evaluation;
using Platform.Pipeline.Orchestration;

namespace Platform.Pipeline.Activities;

/// <summary>Decides whether a candidate version may replace the current one.</summary>
public static class PromotionPolicy
{
    public static PromotionDecision Decide(string version, MetricsSummary candidate, CurrentModel? current, PromotionGate gate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(gate);
        if (current?.Version == version)
        {
            return new PromotionDecision(true, $"version {version} is already current", AlreadyCurrent: true);
        }

        if (candidate.MacroF1 < gate.MinMacroF1)
        {
            return new PromotionDecision(false, $"macro-F1 {F(candidate.MacroF1)} is below the minimum {F(gate.MinMacroF1)}");
        }

        if (current is not null && candidate.MacroF1 < current.MacroF1 - gate.MaxRegression)
        {
            return new PromotionDecision(false,
                $"macro-F1 {F(candidate.MacroF1)} is more than {F(gate.MaxRegression)} below the current version {current.Version} ({F(current.MacroF1)})");
        }

        return new PromotionDecision(true, current is null
            ? $"macro-F1 {F(candidate.MacroF1)} meets the minimum {F(gate.MinMacroF1)}; first version"
            : $"macro-F1 {F(candidate.MacroF1)} meets the minimum {F(gate.MinMacroF1)} and is within {F(gate.MaxRegression)} of the current version {current.Version} ({F(current.MacroF1)})");
    }

    private static string F(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}
