using Platform.Modeling.Bert;
using Platform.Modeling.Weights;
using Platform.Shared.Training;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Platform.Modeling.BaseModels;

/// <summary>Builds a sequence classifier on a base model: construct on CPU, load pretrained weights, leave the head fresh.</summary>
internal static class ClassifierFactory
{
    public static (BertForSequenceClassification Model, WeightLoadReport Report) Create(BaseModel baseModel, int labelCount, long seed, Pooling pooling = Pooling.Auto)
    {
        var state = baseModel.Format == BaseModelFormat.Random ? null : ReadWeights(baseModel);
        try
        {
            var choice = PoolingChoice.Choose(pooling, baseModel, state?.Keys);
            random.manual_seed(seed);
            var model = new BertForSequenceClassification(baseModel.Config with { ClassifierPooling = choice.Mode }, labelCount);
            var report = state is null
                ? new WeightLoadReport(0, [.. model.named_parameters().Select(p => p.name)], [])
                : Load(model, state, baseModel.WeightsPath!);
            return (model, report with { Pooling = choice });
        }
        finally
        {
            foreach (var tensor in state?.Values ?? Enumerable.Empty<Tensor>())
            {
                tensor.Dispose();
            }
        }
    }

    private static Dictionary<string, Tensor> ReadWeights(BaseModel baseModel)
    {
        var path = baseModel.WeightsPath!;
        try
        {
            return baseModel.Format switch
            {
                BaseModelFormat.Onnx => OnnxBertImporter.Import(path),
                BaseModelFormat.Safetensors => Safetensors.LoadStateDict(path),
                BaseModelFormat.PyTorchPickle => PyTorchUnpickler.UnpickleStateDict(path).Cast<System.Collections.DictionaryEntry>()
                    .Where(e => e.Value is Tensor)
                    .ToDictionary(e => (string)e.Key, e => (Tensor)e.Value!),
                _ => throw new InvalidOperationException($"Unexpected format {baseModel.Format}."),
            };
        }
        catch (Exception ex) when (ex is not BaseModelException and not OutOfMemoryException)
        {
            throw new BaseModelException($"{path} could not be read as {baseModel.Format}: {ex.Message}", ex);
        }
    }

    private static WeightLoadReport Load(BertForSequenceClassification model, Dictionary<string, Tensor> state, string path)
    {
        try
        {
            return StateDictLoader.Load(model, state, path);
        }
        catch (InvalidDataException ex)
        {
            throw new BaseModelException(ex.Message, ex);
        }
    }
}
