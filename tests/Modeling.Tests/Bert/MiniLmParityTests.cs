using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Platform.Modeling.BaseModels;
using Platform.Modeling.Tests.Tokenization;
using static TorchSharp.torch;

namespace Platform.Modeling.Tests.Bert;

[Collection(TorchCollection.Name)]
public sealed class MiniLmParityTests
{
    private static readonly string[] Sentences =
    [
        "The movie was a gripping, beautifully acted story.",
        "A dull, lifeless mess that never finds its footing -- avoid it!",
        "Hello world",
        "总体来说我对这个酒店十分失望。",
    ];

    [Fact]
    public void Forward_PaddedBatchOfRealTokens_MatchesOnnxRuntimeWithin1e4()
    {
        var maxDiff = MaxDifferenceFromOnnxRuntime(Sentences);
        Assert.True(maxDiff <= 1e-4, $"max abs diff {maxDiff}");
    }

    [Fact]
    public void Forward_SingleUnpaddedText_MatchesOnnxRuntimeWithin1e4()
    {
        var maxDiff = MaxDifferenceFromOnnxRuntime([Sentences[1]]);
        Assert.True(maxDiff <= 1e-4, $"max abs diff {maxDiff}");
    }

    private static double MaxDifferenceFromOnnxRuntime(string[] sentences)
    {
        var baseModel = BaseModelResolver.Resolve(BaseModelResolver.MiniLmL6);
        var (ids, mask, _) = PaddedBatch.Encode(baseModel.VocabPath, sentences);
        var batch = sentences.Length;
        var length = ids.Length / batch;

        var (model, report) = ClassifierFactory.Create(baseModel, labelCount: 2, seed: 1);
        using var _ = model;
        Assert.Equal(["classifier.weight", "classifier.bias"], report.NewlyInitialized);
        model.eval();
        float[] ours;
        using (no_grad())
        using (var inputIds = tensor(ids, [batch, length]))
        using (var attention = tensor(mask, [batch, length]))
        using (var hidden = model.Bert.forward(inputIds, attention))
        {
            ours = hidden.data<float>().ToArray();
        }

        using var session = new InferenceSession(baseModel.WeightsPath!);
        var shape = new[] { batch, length };
        using var results = session.Run(
        [
            NamedOnnxValue.CreateFromTensor("input_ids", new DenseTensor<long>(ids, shape)),
            NamedOnnxValue.CreateFromTensor("attention_mask", new DenseTensor<long>(mask, shape)),
            NamedOnnxValue.CreateFromTensor("token_type_ids", new DenseTensor<long>(new long[ids.Length], shape)),
        ]);
        var reference = results.First(r => r.Name == "last_hidden_state").AsTensor<float>().ToArray();

        Assert.Equal(reference.Length, ours.Length);
        var maxDiff = 0.0;
        for (var i = 0; i < ours.Length; i++)
        {
            // Padded positions are not compared: neither implementation defines them.
            var position = i / model.Config.HiddenSize;
            if (mask[position] == 1)
            {
                maxDiff = Math.Max(maxDiff, Math.Abs(ours[i] - reference[i]));
            }
        }

        return maxDiff;
    }
}
