using System.Text.Json;
using Platform.Modeling.Evaluation;
using Platform.Pipeline.Activities;
using Platform.Pipeline.Orchestration;
using Platform.Shared.Jobs;

namespace Platform.Pipeline.Tests.Orchestration;

public sealed class PromotionPolicyTests
{
    private static readonly PromotionGate Gate = new() { MinMacroF1 = 0.5, MaxRegression = 0.02 };

    [Theory]
    [InlineData(0.49, null, false)]
    [InlineData(0.50, null, true)]
    [InlineData(0.77, 0.80, false)]
    [InlineData(0.78, 0.80, true)]
    [InlineData(0.95, 0.80, true)]
    public void Decide_AgainstGateAndCurrent_PromotesOnlyGoodEnough(double candidate, double? current, bool expected)
    {
        var decision = PromotionPolicy.Decide("new", candidate, current is { } f ? Current("old", f) : null, Gate);

        Assert.Equal(expected, decision.Promote);
        Assert.False(decision.AlreadyCurrent);
    }

    [Fact]
    public void Decide_SameVersionAsCurrent_IsAlreadyCurrent()
    {
        var decision = PromotionPolicy.Decide("v1", 0.1, Current("v1", 0.1), Gate);

        Assert.True(decision.Promote);
        Assert.True(decision.AlreadyCurrent);
    }

    [Fact]
    public void FromJobId_ModelPrefix_IsStripped()
    {
        Assert.Equal("0123456789ab", ModelVersions.FromJobId("reviews", "reviews-0123456789ab"));
        Assert.Equal("other-job", ModelVersions.FromJobId("reviews", "other-job"));
    }

    private static MetricsSummary Metrics(double macroF1) => new(MetricsSummary.SingleLabel, 10, macroF1, macroF1, macroF1, macroF1);

    private static CurrentModelDocument Current(string version, double macroF1) =>
        new("reviews", version, "reviews-" + version, macroF1, DateTimeOffset.UnixEpoch, JsonSerializer.SerializeToElement(Metrics(macroF1)));
}
