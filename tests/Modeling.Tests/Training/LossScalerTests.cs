using Platform.Modeling.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Platform.Modeling.Tests.Training;

public sealed class LossScalerTests
{
    [Fact]
    public void UnscaleAndClip_FiniteGradients_DividesByTheScaleAndCountsACleanStep()
    {
        using var parameter = new Parameter(zeros(3));
        parameter.grad = tensor(new[] { 6f, 0f, -2f }) * 4;
        var scaler = new LossScaler(new LossScaleState(4, 0, 0));

        Assert.True(scaler.UnscaleAndClip([parameter], maxNorm: 1000));

        Assert.Equal([6f, 0f, -2f], parameter.grad!.data<float>().ToArray());
        Assert.Equal(new LossScaleState(4, 1, 0), scaler.State);
    }

    [Fact]
    public void UnscaleAndClip_OverflowedGradients_SaysSkipAndHalvesTheScale()
    {
        using var parameter = new Parameter(zeros(2));
        parameter.grad = tensor(new[] { float.PositiveInfinity, 1f });
        var scaler = new LossScaler(new LossScaleState(1024, 17, 0));

        Assert.False(scaler.UnscaleAndClip([parameter], maxNorm: 1));

        Assert.Equal(new LossScaleState(512, 0, 1), scaler.State);
    }

    [Fact]
    public void Update_AfterTheGrowthIntervalOfCleanSteps_DoublesTheScale()
    {
        var scaler = new LossScaler(LossScaler.Initial);
        for (var step = 0; step < LossScaler.GrowthInterval - 1; step++)
        {
            scaler.Update(finite: true);
        }

        Assert.Equal(LossScaler.InitialScale, scaler.State.Scale);
        scaler.Update(finite: true);
        Assert.Equal(new LossScaleState(2 * LossScaler.InitialScale, 0, 0), scaler.State);
    }

    [Fact]
    public void Update_RepeatedOverflows_NeverScaleBelowOne()
    {
        var scaler = new LossScaler(new LossScaleState(2, 0, 0));
        for (var step = 0; step < 5; step++)
        {
            scaler.Update(finite: false);
        }

        Assert.Equal(new LossScaleState(LossScaler.MinScale, 0, 5), scaler.State);
    }

    [Fact]
    public void Scale_MultipliesTheLoss()
    {
        using var loss = tensor(0.25f);
        using var scaled = new LossScaler(new LossScaleState(8, 0, 0)).Scale(loss);
        Assert.Equal(2f, scaled.item<float>());
    }
}
