using Platform.Modeling.Bert;
using Platform.Modeling.Tests.Training;
using static TorchSharp.torch;

namespace Platform.Modeling.Tests.Bert;

[Collection(TorchCollection.Name)]
public sealed class MixedPrecisionTests
{
    [Theory]
    [InlineData(ScalarType.BFloat16, 0.05)]
    [InlineData(ScalarType.Float16, 0.01)]
    public void Forward_InA16BitScope_GivesFp32LogitsCloseToFp32AndFp32GradientsPointingTheSameWay(ScalarType type, double tolerance)
    {
        using var model = TrainerTests.CreateTinyModel(labels: 3);
        model.eval();
        using var ids = tensor(new long[] { 101, 2204, 2003, 102, 0, 101, 2919, 3671, 2143, 102 }, [2, 5]);
        using var mask = tensor(new long[] { 1, 1, 1, 1, 0, 1, 1, 1, 1, 1 }, [2, 5]);

        var (fullLogits, fullGradients) = LogitsAndGradients(model, ids, mask, null);
        var (mixedLogits, mixedGradients) = LogitsAndGradients(model, ids, mask, type);

        Assert.Equal(ScalarType.Float32, mixedLogits.dtype);
        var difference = (mixedLogits - fullLogits).abs().max().item<float>();
        Assert.True(difference < tolerance, $"logits differ by {difference}");
        Assert.NotEqual(0f, difference); // the products really ran in 16 bits
        foreach (var (name, full) in fullGradients)
        {
            var mixed = mixedGradients[name];
            Assert.Equal(ScalarType.Float32, mixed.dtype);
            var cosine = nn.functional.cosine_similarity(mixed.flatten(), full.flatten(), dim: 0).item<float>();
            Assert.True(cosine > 0.98 || full.abs().max().item<float>() < 1e-6, $"{name}: cosine {cosine}");
        }
    }

    [Fact]
    public void Enter_NestedScopes_RestoreTheOuterTypeAndFp32Outside()
    {
        Assert.Null(MixedPrecision.ComputeType);
        using (MixedPrecision.Enter(ScalarType.BFloat16))
        {
            Assert.Equal(ScalarType.BFloat16, MixedPrecision.ComputeType);
            using (MixedPrecision.Enter(null))
            {
                Assert.Null(MixedPrecision.ComputeType);
            }

            Assert.Equal(ScalarType.BFloat16, MixedPrecision.ComputeType);
        }

        Assert.Null(MixedPrecision.ComputeType);
        Assert.Throws<ArgumentOutOfRangeException>(() => MixedPrecision.Enter(ScalarType.Float64));
    }

    private static (Tensor Logits, Dictionary<string, Tensor> Gradients) LogitsAndGradients(
        BertForSequenceClassification model, Tensor ids, Tensor mask, ScalarType? type)
    {
        model.zero_grad();
        Tensor logits;
        using (MixedPrecision.Enter(type))
        {
            logits = model.forward(ids, mask);
        }

        logits.sum().backward();
        var gradients = model.named_parameters().Where(p => p.parameter.grad is not null)
            .ToDictionary(p => p.name, p => p.parameter.grad!.is_sparse ? p.parameter.grad.to_dense() : p.parameter.grad.clone(), StringComparer.Ordinal);
        return (logits.detach(), gradients);
    }
}
