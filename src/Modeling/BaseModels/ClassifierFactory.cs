using Platform.Modeling.Bert;
using Platform.Modeling.Weights;
using Platform.Shared.Training;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Platform.Modeling.BaseModels;

/// <summary>Builds a sequence classifier on a base model: construct on CPU, load pretrained weights, leave the head fresh.</summary>
internal static class ClassifierFactory
{
    /// <param name="baseModel">The pretrained encoder.</param>
    /// <param name="labelCount">Outputs of the fresh head.</param>
    /// <param name="seed">Seeds the fresh parameters.</param>
    /// <param name="pooling">How the head reads the encoder (<see cref="PoolingChoice.Choose"/>).</param>
    /// <param name="addedTokens">
    /// Tokens appended to the base vocabulary: as many new word-embedding rows, each the mean of the pretrained rows
    /// (a neutral token the encoder already reads sensibly) plus noise at the initializer scale, so that they can part.
    /// </param>
    public static (BertForSequenceClassification Model, WeightLoadReport Report) Create(
        BaseModel baseModel, int labelCount, long seed, Pooling pooling = Pooling.Auto, int addedTokens = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(addedTokens);
        var state = baseModel.Format == BaseModelFormat.Random ? null : ReadWeights(baseModel);
        try
        {
            var choice = PoolingChoice.Choose(pooling, baseModel, state?.Keys);
            random.manual_seed(seed);
            if (state is not null && addedTokens > 0)
            {
                ExtendWordEmbeddings(state, addedTokens, baseModel.Config.InitializerRange);
            }

            var config = baseModel.Config with { ClassifierPooling = choice.Mode, VocabSize = baseModel.Config.VocabSize + addedTokens };
            var model = new BertForSequenceClassification(config, labelCount);
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

    private static void ExtendWordEmbeddings(Dictionary<string, Tensor> state, int rows, double initializerRange)
    {
        var key = state.Keys.FirstOrDefault(k => k.EndsWith("embeddings.word_embeddings.weight", StringComparison.Ordinal))
            ?? throw new BaseModelException("The base model's weights have no word embedding (embeddings.word_embeddings.weight) to extend.");
        using var table = state[key];
        using var pretrained = table.to_type(ScalarType.Float32);
        using var mean = pretrained.mean([0], keepdim: true);
        using var noise = randn(rows, pretrained.shape[1]) * initializerRange;
        using var added = mean + noise;
        state[key] = cat([pretrained, added], 0);
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
