namespace Platform.Pipeline.Orchestration;

/// <summary>A version becomes <c>current</c> only if its macro-F1 reaches <see cref="MinMacroF1"/> and is at most <see cref="MaxRegression"/> below the current version's.</summary>
public sealed record PromotionGate
{
    public double MinMacroF1 { get; init; }

    public double MaxRegression { get; init; } = 0.02;
}
