using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Platform.Modeling.BaseModels;
using Platform.Modeling.Bert;
using Platform.Modeling.Onnx;
using Platform.Modeling.Tests.Tokenization;
using Platform.Modeling.Training;
using Platform.Shared.Training;
using static TorchSharp.torch;

namespace Platform.Modeling.Tests.Onnx;

/// <summary>The ONNX export is the same network: ONNX Runtime's logits match TorchSharp's on padded batches of real text.</summary>
[Collection(TorchCollection.Name)]
public sealed class BertOnnxExporterTests : IDisposable
{
    private static readonly string[] Texts =
    [
        "The movie was a gripping, beautifully acted story.",
        "A dull, lifeless mess that never finds its footing -- avoid it!",
        "Hello world",
        "an utterly forgettable sequel with none of the charm of the original , and a running time that feels twice as long",
    ];

    private readonly string _directory = Directory.CreateTempSubdirectory("onnx-export-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(BaseModelResolver.TinyRandom, "gelu", 3, Pooling.Auto)]
    [InlineData(BaseModelResolver.TinyRandom, "gelu_new", 2, Pooling.Mean)]
    [InlineData(BaseModelResolver.TinyRandom, "relu", 5, Pooling.Cls)]
    [InlineData(BaseModelResolver.MiniLmL6, "gelu", 4, Pooling.Auto)]
    [InlineData(BaseModelResolver.MiniLmL6, "gelu", 2, Pooling.Cls)]
    public void Export_Float32_LogitsMatchTorchSharpWithin1e4(string baseModelName, string activation, int labels, Pooling pooling)
    {
        var baseModel = BaseModelResolver.Resolve(baseModelName);
        baseModel = baseModel with { Config = baseModel.Config with { HiddenAct = activation } };
        var (model, _) = ClassifierFactory.Create(baseModel, labels, seed: 3, pooling);
        using var _ = model;
        model.eval();
        var (ids, mask, shape) = PaddedBatch.Encode(baseModel.VocabPath, Texts);

        var path = Export(model, OnnxWeights.Float32);
        var onnx = Run(path, ids, mask, shape);
        var torch = Forward(model, ids, mask, shape);

        Assert.Equal(torch.Length, onnx.Length);
        var maxDifference = torch.Zip(onnx, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(maxDifference <= 1e-4, $"max |ONNX − TorchSharp| = {maxDifference}");
    }

    [Fact]
    public void Export_Int8_IsAboutAQuarterOfTheFloatSizeAndClose()
    {
        var baseModel = BaseModelResolver.Resolve(BaseModelResolver.MiniLmL6);
        var (model, _) = ClassifierFactory.Create(baseModel, 3, seed: 3);
        using var _ = model;
        model.eval();
        var (ids, mask, shape) = PaddedBatch.Encode(baseModel.VocabPath, Texts);

        var fp32 = Export(model, OnnxWeights.Float32);
        var int8 = Export(model, OnnxWeights.Int8);

        var ratio = (double)new FileInfo(int8).Length / new FileInfo(fp32).Length;
        Assert.InRange(ratio, 0.2, 0.32);
        var exact = Run(fp32, ids, mask, shape);
        var quantized = Run(int8, ids, mask, shape);
        // Quantization error, bounded: the logits of a fresh head are small, so compare against their spread.
        var spread = exact.Max() - exact.Min();
        var maxDifference = exact.Zip(quantized, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(maxDifference < 0.25 * spread + 1e-3, $"max |int8 − fp32| = {maxDifference}, fp32 spread {spread}");
    }

    [Fact]
    public void Export_Int8_OneStackedPartListedAsFloat32_KeepsTheWholeProductFloat32()
    {
        using var model = Training.TrainerTests.CreateTinyModel(labels: 2);
        var weightsPath = Path.Combine(_directory, "model.safetensors");
        TrainingCheckpoint.SaveWeights(weightsPath, model.state_dict());
        var weights = SafetensorsReader.Read(weightsPath);

        static int FloatProducts(global::Onnx.ModelProto graph) => graph.Graph.Node.Count(n => n.OpType == "MatMul");
        var standard = BertOnnxExporter.Build(weights, model.Config, OnnxWeights.Int8);
        var withQuery = BertOnnxExporter.Build(weights, model.Config, OnnxWeights.Int8, [.. BertOnnxExporter.Float32InInt8, "bert.encoder.layer.1.attention.self.query"]);

        // The float MatMuls of attention (scores, context) are in both; the listed part adds exactly one: the stacked product.
        Assert.Equal(FloatProducts(standard) + 1, FloatProducts(withQuery));
        Assert.Equal(standard.Graph.Node.Count(n => n.OpType == "MatMulInteger") - 1, withQuery.Graph.Node.Count(n => n.OpType == "MatMulInteger"));
    }

    [Fact]
    public void Export_WeightsWithoutAClassifier_FailsNamingTheMissingWeight()
    {
        var weights = new Dictionary<string, WeightTensor>(StringComparer.Ordinal);

        var error = Assert.Throws<InvalidDataException>(() => BertOnnxExporter.Export(weights, BertConfig.MiniLmL6, Path.Combine(_directory, "x.onnx"), OnnxWeights.Float32));

        Assert.Contains("'classifier.weight'", error.Message, StringComparison.Ordinal);
    }

    private string Export(BertForSequenceClassification model, OnnxWeights format)
    {
        var weightsPath = Path.Combine(_directory, "model.safetensors");
        TrainingCheckpoint.SaveWeights(weightsPath, model.state_dict());
        var path = Path.Combine(_directory, format == OnnxWeights.Int8 ? "model.int8.onnx" : "model.onnx");
        BertOnnxExporter.Export(SafetensorsReader.Read(weightsPath), model.Config, path, format);
        return path;
    }

    private static float[] Run(string path, long[] ids, long[] mask, int[] shape)
    {
        using var session = new InferenceSession(path);
        using var results = session.Run(
        [
            NamedOnnxValue.CreateFromTensor(BertOnnxExporter.InputIds, new DenseTensor<long>(ids, shape)),
            NamedOnnxValue.CreateFromTensor(BertOnnxExporter.AttentionMask, new DenseTensor<long>(mask, shape)),
        ]);
        return [.. results.Single(r => r.Name == BertOnnxExporter.Logits).AsTensor<float>()];
    }

    private static float[] Forward(BertForSequenceClassification model, long[] ids, long[] mask, int[] shape)
    {
        using (no_grad())
        using (var inputIds = tensor(ids, [shape[0], shape[1]]))
        using (var attention = tensor(mask, [shape[0], shape[1]]))
        using (var logits = model.forward(inputIds, attention))
        {
            return logits.data<float>().ToArray();
        }
    }
}
