using Platform.Modeling.Evaluation;

namespace Platform.Modeling.Tests.Evaluation;

public sealed class ThresholdTunerTests
{
    [Fact]
    public void Tune_PerfectlySeparableLabel_PicksMidpointOfTheGapAndScoresF1One()
    {
        // Negatives 0.1, 0.3; positives 0.7, 0.9: only a cut in (0.3, 0.7] gives F1 1; its midpoint is 0.5.
        bool[][] actual = [[false], [true], [false], [true]];
        float[][] probabilities = [[0.1f], [0.7f], [0.3f], [0.9f]];

        var thresholds = ThresholdTuner.Tune(actual, probabilities);

        Assert.Equal(0.5f, thresholds[0], 1e-6f);
        Assert.Equal(1, MultiLabelMetrics.Compute(actual, probabilities, thresholds, ["label"]).MacroF1);
    }

    [Fact]
    public void Tune_EqualF1AtTwoCuts_PrefersTheHigherThreshold()
    {
        // Descending: 0.9 T, 0.6 F, 0.5 F, 0.4 T; 2 positives; F1 = 2TP / (TP + FP + 2).
        //   cut at 0.75 (keeps 0.9):  TP 1, FP 0 -> 2/3
        //   cut at 0.55:              TP 1, FP 1 -> 2/4
        //   cut at 0.45:              TP 1, FP 2 -> 2/5
        //   all positive (0.4):       TP 2, FP 2 -> 4/6 = 2/3, a tie with 0.75
        bool[][] actual = [[true], [false], [false], [true]];
        float[][] probabilities = [[0.9f], [0.6f], [0.5f], [0.4f]];

        var thresholds = ThresholdTuner.Tune(actual, probabilities);

        Assert.Equal(0.75f, thresholds[0], 1e-6f);
    }

    [Fact]
    public void Tune_LowestScoredSampleIsPositive_PredictsAllAtTheLowestProbability()
    {
        // Descending: 0.8 T, 0.5 F, 0.1 T. Cuts: keep 0.8 -> 2/3; keep 0.8, 0.5 -> 2/4; keep all -> 4/5 (best).
        var thresholds = ThresholdTuner.Tune([[true], [false], [true]], [[0.8f], [0.5f], [0.1f]]);

        Assert.Equal(0.1f, thresholds[0]);
    }

    [Fact]
    public void Tune_TiedProbabilities_CutsOnlyBetweenDistinctValues()
    {
        // 0.5 is both a positive and a negative: they are kept or dropped together.
        // Keep the 0.5s: TP 1, FP 1 -> 2/3 (cut at 0.35); keep all: TP 1, FP 2 -> 2/4.
        var thresholds = ThresholdTuner.Tune([[true], [false], [false]], [[0.5f], [0.5f], [0.2f]]);

        Assert.Equal(0.35f, thresholds[0], 1e-6f);
    }

    [Fact]
    public void Tune_AdjacentFloats_ThresholdStillSeparatesThem()
    {
        var lower = 0.5f;
        var upper = MathF.BitIncrement(lower);

        var thresholds = ThresholdTuner.Tune([[true], [false]], [[upper], [lower]]);

        Assert.True(upper >= thresholds[0] && lower < thresholds[0]);
    }

    [Fact]
    public void Tune_LabelWithoutPositives_KeepsFallback()
    {
        bool[][] actual = [[true, false], [false, false]];
        float[][] probabilities = [[0.9f, 0.3f], [0.2f, 0.8f]];

        var thresholds = ThresholdTuner.Tune(actual, probabilities, fallback: 0.42f);

        Assert.Equal(0.42f, thresholds[1]);
        Assert.Equal(0.55f, thresholds[0], 1e-6f);
    }

    [Fact]
    public void Tune_WithPriorSupport_PullsAFewPositivesTowardTheFallbackAndLeavesManyAlone()
    {
        // Label 0: 4 positives, all scored 0.1 or 0.12, negatives lower: the F1-best cut is 0.1 (predict every positive).
        // Label 1: the same picture with 400 positives.
        var actual = new List<bool[]>();
        var probabilities = new List<float[]>();
        for (var i = 0; i < 800; i++)
        {
            var positive = i % 2 == 0;
            actual.Add([positive && i < 8, positive]);
            probabilities.Add([positive && i < 8 ? 0.1f + (0.02f * (i % 4 == 0 ? 1 : 0)) : 0.02f, positive ? 0.1f + (0.02f * (i % 4 == 0 ? 1 : 0)) : 0.02f]);
        }

        var tuned = ThresholdTuner.Tune(actual, probabilities);
        var shrunk = ThresholdTuner.Tune(actual, probabilities, priorSupport: 20);

        Assert.Equal(tuned[0], tuned[1]);
        Assert.True(tuned[0] < 0.11f, $"tuned {tuned[0]}");
        // 4 positives against a prior of 20 keep a sixth of the offset from 0.5; 400 keep 95 %.
        Assert.Equal(0.5 + ((tuned[0] - 0.5) * 4 / 24), shrunk[0], 1e-5);
        Assert.Equal(0.5 + ((tuned[1] - 0.5) * 400 / 420), shrunk[1], 1e-5);
    }

    [Fact]
    public void Tune_NegativePriorSupport_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ThresholdTuner.Tune([[true]], [[0.5f]], priorSupport: -1));
    }

    [Fact]
    public void Tune_NoSamples_ReturnsNoThresholds()
    {
        Assert.Empty(ThresholdTuner.Tune([], []));
    }

    [Fact]
    public void Tune_NaNProbability_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => ThresholdTuner.Tune([[true]], [[float.NaN]]));
    }

    [Fact]
    public void Tune_RandomData_MatchesBruteForceBestF1()
    {
        var random = new Random(1234);
        const int Samples = 300;
        const int LabelCount = 5;
        var actual = new bool[Samples][];
        var probabilities = new float[Samples][];
        for (var i = 0; i < Samples; i++)
        {
            actual[i] = new bool[LabelCount];
            probabilities[i] = new float[LabelCount];
            for (var k = 0; k < LabelCount; k++)
            {
                actual[i][k] = random.NextDouble() < 0.1 * (k + 1);
                // Rounded to two decimals so that ties occur; positives score higher on average.
                probabilities[i][k] = MathF.Round((float)((random.NextDouble() + (actual[i][k] ? 0.4 : 0)) / 1.4), 2);
            }
        }

        var thresholds = ThresholdTuner.Tune(actual, probabilities);

        for (var k = 0; k < LabelCount; k++)
        {
            var label = k;
            var bruteForceBest = probabilities.Select(p => p[label]).Distinct().Max(t => F1At(actual, probabilities, label, t));
            Assert.Equal(bruteForceBest, F1At(actual, probabilities, label, thresholds[label]), 12);
        }
    }

    private static double F1At(bool[][] actual, float[][] probabilities, int label, float threshold)
    {
        int truePositives = 0, falsePositives = 0, falseNegatives = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            var predicted = probabilities[i][label] >= threshold;
            truePositives += predicted && actual[i][label] ? 1 : 0;
            falsePositives += predicted && !actual[i][label] ? 1 : 0;
            falseNegatives += !predicted && actual[i][label] ? 1 : 0;
        }

        return 2.0 * truePositives / ((2.0 * truePositives) + falsePositives + falseNegatives);
    }
}
