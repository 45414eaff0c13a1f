using System.Security.Cryptography;
using Platform.Modeling.BaseModels;
using Platform.Modeling.Packaging;
using Platform.Modeling.Tokenization;
using Platform.Modeling.Training;
using Platform.Shared.Datasets;

namespace Platform.Modeling.FineTuning;

/// <summary>
/// The main job end to end: validate the CSV, split it, tokenize, fine-tune the base model, score the
/// held-out test split with the best weights, choose the serving precision, and write the package.
/// </summary>
public static class FineTuner
{
    public static FineTuneResult Run(FineTuneRequest request, IProgress<FineTuneProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = request.Training.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid training options: " + string.Join(" ", problems));
        }

        progress?.Report(new FineTuneProgress("loading"));
        var baseModel = BaseModelResolver.Resolve(request.BaseModel);
        var tokenizer = WordPieceTokenizer.FromVocabFile(baseModel.VocabPath, baseModel.LowerCase);
        var maxLength = Math.Min(request.Training.MaxLength, baseModel.Config.MaxPositionEmbeddings);

        progress?.Report(new FineTuneProgress("validating"));
        var datasetOptions = request.Dataset with { MaxTokens = maxLength - 2 };
        var read = DatasetReader.Read(request.DataPath, datasetOptions, tokenizer.CountTokens);
        if (read.Dataset is null)
        {
            throw new DatasetRejectedException(read.Report);
        }

        var splits = DatasetSplitter.Split(read.Dataset, request.Split);
        var labels = read.Dataset.Labels;
        var train = DatasetEncoder.Encode(splits.Train, labels, tokenizer, maxLength);
        var validation = DatasetEncoder.Encode(splits.Validation, labels, tokenizer, maxLength);
        var test = DatasetEncoder.Encode(splits.Test, labels, tokenizer, maxLength);

        var (model, _) = ClassifierFactory.Create(baseModel, labels.Count, request.Training.Seed);
        using (model)
        {
            var trainer = new Trainer(request.Training, tokenizer.PadId, request.CheckpointDirectory);
            var training = trainer.Train(model, train, validation, Synchronous(progress), cancellationToken);

            progress?.Report(new FineTuneProgress("evaluating"));
            var device = DeviceSelector.Resolve(request.Training.Device);
            var testProbabilities = ModelScorer.Probabilities(model, [.. test.Examples.Select(e => e.InputIds)], 64, tokenizer.PadId, test.IsMultiLabel, device);
            var (summary, report, text) = HeldOutEvaluator.Score(test, testProbabilities, training.Thresholds);
            var precision = PrecisionSelector.Choose(model, validation, training.Thresholds, tokenizer.PadId, device);

            progress?.Report(new FineTuneProgress("packaging"));
            var record = new TrainingRecord(
                baseModel.Name, request.Training, Sha256(request.DataPath), train.Count, validation.Count, test.Count,
                training.Steps, training.BestStep, training.BestMacroF1, training.StoppedEarly, training.Elapsed.TotalSeconds,
                training.SequencesPerSecond, training.History, RuntimeVersions.Describe(), DateTimeOffset.UtcNow);
            var metrics = new Dictionary<string, object> { ["test"] = summary, ["testReport"] = report, ["validationMacroF1"] = training.BestMacroF1 };
            ModelPackage.Write(request.OutputDirectory, model, baseModel.VocabPath, baseModel.LowerCase, new PackageLabels(labels, read.Dataset.IsMultiLabel, training.Thresholds), record, metrics, precision);
            return new FineTuneResult(read.Report, training, summary, text, precision, request.OutputDirectory);
        }
    }

    private static SynchronousProgress? Synchronous(IProgress<FineTuneProgress>? progress) =>
        progress is null ? null : new SynchronousProgress(p => progress.Report(new FineTuneProgress("training", p)));

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private sealed class SynchronousProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
