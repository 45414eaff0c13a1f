using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Platform.Modeling.BaseModels;
using static TorchSharp.torch;

namespace Platform.Modeling.Tests.Bert;

[Collection(TorchCollection.Name)]
public sealed class MiniLmParityTests
{
    private static readonly string[] Sentences =
    [
        "the movie was a gripping and beautifully acted story",
        "a dull , lifeless mess that never finds its footing",
        "hello world",
    ];

    [Fact]
    public void Forward_RealTokens_MatchesOnnxRuntimeWithin1e4()
    {
        var baseModel = BaseModelResolver.Resolve(BaseModelResolver.MiniLmL6);
        var (ids, mask) = Encode(baseModel.VocabPath, Sentences);
        var batch = Sentences.Length;
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

        Assert.True(maxDiff <= 1e-4, $"max abs diff {maxDiff}");
    }

    private static (long[] Ids, long[] Mask) Encode(string vocabPath, string[] sentences)
    {
        var vocab = File.ReadLines(vocabPath).Select((token, id) => (token, id)).ToDictionary(x => x.token, x => (long)x.id);
        var rows = sentences.Select(s => new[] { vocab["[CLS]"] }.Concat(s.Split(' ').Select(w => vocab[w])).Append(vocab["[SEP]"]).ToArray()).ToArray();
        var length = rows.Max(r => r.Length);
        var ids = new long[rows.Length * length];
        var mask = new long[rows.Length * length];
        for (var r = 0; r < rows.Length; r++)
        {
            for (var c = 0; c < rows[r].Length; c++)
            {
                ids[(r * length) + c] = rows[r][c];
                mask[(r * length) + c] = 1;
            }
        }

        return (ids, mask);
    }
}
