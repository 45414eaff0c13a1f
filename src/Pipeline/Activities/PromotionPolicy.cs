using System.Globalization;
using Platform.Pipeline.Orchestration;
using Platform.Shared.Jobs;

namespace Platform.Pipeline.Activities;

/// <summary>Decides whether a candidate version may replace the current one.</summary>
public static class PromotionPolicy
{
    /// <param name="version">The candidate version.</param>
    /// <param name="candidateMacroF1">The candidate's held-out test macro-F1.</param>
    /// <param name="current">What current.json says now, if anything.</param>
    /// <param name="gate">The minimum and the allowed regression.</param>
    public static PromotionDecision Decide(string version, double candidateMacroF1, CurrentModelDocument? current, PromotionGate gate)
    {
        ArgumentNullException.ThrowIfNull(gate);
        if (current?.Version == version)
        {
            return new PromotionDecision(true, $"version {version} is already current", AlreadyCurrent: true);
        }

        if (candidateMacroF1 < gate.MinMacroF1)
        {
            return new PromotionDecision(false, $"macro-F1 {F(candidateMacroF1)} is below the minimum {F(gate.MinMacroF1)}");
        }

        if (current is not null && candidateMacroF1 < current.MacroF1 - gate.MaxRegression)
        {
            return new PromotionDecision(false,
                $"macro-F1 {F(candidateMacroF1)} is more than {F(gate.MaxRegression)} below the current version {current.Version} ({F(current.MacroF1)})");
        }

        return new PromotionDecision(true, current is null
            ? $"macro-F1 {F(candidateMacroF1)} meets the minimum {F(gate.MinMacroF1)}; first version"
            : $"macro-F1 {F(candidateMacroF1)} meets the minimum {F(gate.MinMacroF1)} and is within {F(gate.MaxRegression)} of the current version {current.Version} ({F(current.MacroF1)})");
    }

    private static string F(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}
