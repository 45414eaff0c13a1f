using Platform.Modeling.Bert;
using Platform.Modeling.Training;

namespace Platform.Modeling.Packaging;

/// <summary>Writes a trained model as a package folder (the training side; <see cref="ModelPackage"/> reads and seals it).</summary>
internal static class PackageWriter
{
    /// <summary>
    /// Writes the model files of a package folder (weights, config, vocabulary, labels, training record) and its ONNX
    /// exports; <see cref="ModelPackage.Seal"/> completes it once the exports are measured. <paramref name="addedTokens"/>
    /// (a vocabulary extended for the run) follow the base vocabulary in <c>vocab.txt</c>.
    /// </summary>
    public static void Write(
        string directory,
        BertForSequenceClassification model,
        string vocabPath,
        IReadOnlyList<string> addedTokens,
        bool lowerCase,
        PackageLabels labels,
        TrainingRecord training)
    {
        System.IO.Directory.CreateDirectory(directory);
        TrainingCheckpoint.SaveWeights(Path.Combine(directory, ModelPackage.WeightsFile), model.state_dict());
        model.Config.ForClassification(labels.Labels, labels.MultiLabel).Save(Path.Combine(directory, ModelPackage.ConfigFile));
        WriteVocabulary(vocabPath, addedTokens, Path.Combine(directory, ModelPackage.VocabFile));
        ModelPackage.WriteJson(directory, ModelPackage.TokenizerConfigFile, new Dictionary<string, object> { ["do_lower_case"] = lowerCase, ["tokenizer_class"] = "BertTokenizer", ["model_max_length"] = training.Hyperparameters.MaxLength });
        ModelPackage.WriteJson(directory, ModelPackage.LabelsFile, labels);
        ModelPackage.WriteJson(directory, ModelPackage.TrainingFile, training);
        ModelPackage.ExportOnnx(directory);
    }

    /// <summary>The base vocabulary byte for byte, then one line per added token (their ids follow the base ones).</summary>
    private static void WriteVocabulary(string vocabPath, IReadOnlyList<string> addedTokens, string path)
    {
        File.Copy(vocabPath, path, overwrite: true);
        if (addedTokens.Count == 0)
        {
            return;
        }

        var endsWithNewline = File.ReadAllBytes(path) is { Length: > 0 } bytes && bytes[^1] == (byte)'\n';
        File.AppendAllText(path, (endsWithNewline ? "" : "\n") + string.Join("\n", addedTokens) + "\n", new System.Text.UTF8Encoding(false));
    }
}
