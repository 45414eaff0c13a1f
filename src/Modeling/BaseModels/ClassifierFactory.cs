using Platform.Modeling.Bert;
using Platform.Modeling.Weights;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Platform.Modeling.BaseModels;

/// <summary>Builds a sequence classifier on a base model: construct on CPU, load pretrained weights, leave the head fresh.</summary>
internal static class ClassifierFactory
{
    public static (BertForSequenceClassification Model, WeightLoadReport Report) Create(BaseModel baseModel, int labelCount, long seed)
    {
        random.manual_seed(seed);
        var model = new BertForSequenceClassification(baseModel.Config, labelCount);
        var report = baseModel.Format switch
        {
            BaseModelFormat.Random => new WeightLoadReport(0, [.. model.named_parameters().Select(p => p.name)], []),
            _ => LoadWeights(model, baseModel),
        };
        return (model, report);
    }

    private static WeightLoadReport LoadWeights(BertForSequenceClassification model, BaseModel baseModel)
    {
        var path = baseModel.WeightsPath!;
        Dictionary<string, Tensor> state;
        try
        {
            state = baseModel.Format switch
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

        try
        {
            return StateDictLoader.Load(model, state, path);
        }
        catch (InvalidDataException ex)
        {
            throw new BaseModelException(ex.Message, ex);
        }
        finally
        {
            foreach (var tensor in state.Values)
            {
                tensor.Dispose();
            }
        }
    }
}
