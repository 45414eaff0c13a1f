using Platform.Modeling.BaseModels;
using Platform.Modeling.Packaging;
using Platform.Modeling.Serving;
using Platform.Modeling.Tokenization;
using Platform.Modeling.Training;
using Platform.Shared.Datasets;
using Platform.Shared.Training;

namespace Platform.Modeling.FineTuning;

/// <summary>
/// The part of a job shared by the CSV and the pre-split entry points: tokenize, fine-tune, score the
/// held-out test split with the best weights, choose the serving precision and write the package.
/// </summary>
internal static class FineTuneCore
{
    public static void ValidateOptions(TrainingOptions training, DatasetOptions? dataset = null)
    {
        var problems = TrainingOptionRules.Check(training);
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid training options: " + string.Join(" ", problems.Select(p => p.Message)));
        }

        if (dataset is not null && DatasetOptionRules.Check(dataset) is { Count: > 0 } datasetProblems)
        {
            throw new ArgumentException("Invalid dataset options: " + string.Join(" ", datasetProblems.Select(p => p.Message)));
        }
    }

    public static (BaseModel BaseModel, WordPieceTokenizer Tokenizer, int MaxLength) Load(string baseModelName, TrainingOptions training)
    {
        var baseModel = BaseModelResolver.Resolve(baseModelName);
        var tokenizer = WordPieceTokenizer.FromVocabFile(baseModel.VocabPath, baseModel.LowerCase);
        return (baseModel, tokenizer, Math.Min(training.MaxLength, baseModel.Config.MaxPositionEmbeddings));
    }

    public static FineTuneResult TrainAndPackage(PreparedRun run, ValidationReport validationReport, IProgress<FineTuneProgress>? progress, CancellationToken cancellationToken)
    {
        var (maxLength, splits) = (run.MaxLength, run.Splits);
        var (added, unknown) = VocabularyExtension.Plan([.. splits.Train.Examples.Select(e => e.Text)], run.Tokenizer, run.Training.Vocabulary);
        var tokenizer = added.Count > 0 ? run.Tokenizer.Extend(added) : run.Tokenizer;
        validationReport = validationReport with { UnknownTokens = unknown };
        var labels = splits.Train.Labels;
        var train = DatasetEncoder.Encode(splits.Train, labels, tokenizer, maxLength);
        var validation = DatasetEncoder.Encode(splits.Validation, labels, tokenizer, maxLength);
        var test = DatasetEncoder.Encode(splits.Test, labels, tokenizer, maxLength);

        var (model, loaded) = ClassifierFactory.Create(run.BaseModel, labels.Count, run.Training.Seed, run.Training.Pooling, added.Count);
        var (options, settled) = AutoSettings.Settle(run.Training, train.Count, run.BaseModel.Config.HiddenSize);
        List<ChosenSetting> choices =
        [
            new(ChosenSetting.Pooling, loaded.Pooling!.Mode, loaded.Pooling.Reason),
            new(ChosenSetting.Vocabulary, added.Count > 0 ? $"base + {added.Count} tokens" : "base",
                $"{unknown.Decision}; [UNK] {VocabularyExtension.Percent(unknown.UnknownRate)} of the training tokens"
                + (added.Count > 0 ? $", {VocabularyExtension.Percent(unknown.UnknownRateAfter)} after" : "")),
            .. settled,
        ];
        using (model)
        {
            var trainer = new Trainer(options, tokenizer.PadId, run.CheckpointDirectory, run.CheckpointSaved);
            var training = trainer.Train(model, train, validation, Synchronous(progress), cancellationToken);

            progress?.Report(new FineTuneProgress("packaging"));
            var record = new TrainingRecord(
                run.BaseModel.Name, options, run.DatasetSha256, train.Count, validation.Count, test.Count,
                training.Steps, training.BestStep, training.BestMacroF1, training.StoppedEarly, training.TotalSeconds,
                training.SequencesPerSecond, training.History, RuntimeVersions.Describe(), DateTimeOffset.UtcNow, training.Runs, choices, training.Losses);
            var packageLabels = new PackageLabels(labels, splits.Train.IsMultiLabel, training.Thresholds);
            PackageWriter.Write(run.OutputDirectory, model, run.BaseModel.VocabPath, added, run.BaseModel.LowerCase, packageLabels, record);

            // What is measured is what will be served: the exported graphs, through ONNX Runtime.
            progress?.Report(new FineTuneProgress("evaluating"));
            InferencePrecision precision;
            float[][] testProbabilities;
            using (var fp32 = new OnnxScorer(Path.Combine(run.OutputDirectory, ModelPackage.OnnxFile)))
            using (var int8 = new OnnxScorer(Path.Combine(run.OutputDirectory, ModelPackage.OnnxInt8File)))
            {
                precision = PrecisionSelector.Choose(fp32, int8, validation, training.Thresholds, tokenizer.PadId);
                var served = precision.Precision == InferencePrecision.Int8 ? int8 : fp32;
                testProbabilities = served.Probabilities([.. test.Examples.Select(e => e.InputIds)], 64, tokenizer.PadId, test.IsMultiLabel);
            }

            var (summary, report, text) = HeldOutEvaluator.Score(test, testProbabilities, training.Thresholds);
            var metrics = new Dictionary<string, object> { ["test"] = summary, ["testReport"] = report, ["validationMacroF1"] = training.BestMacroF1 };
            ModelPackage.Seal(run.OutputDirectory, metrics, precision, record.TrainedAt);
            return new FineTuneResult(validationReport, training, summary, text, precision, run.OutputDirectory);
        }
    }

    private static SynchronousProgress? Synchronous(IProgress<FineTuneProgress>? progress) =>
        progress is null ? null : new SynchronousProgress(p => progress.Report(new FineTuneProgress("training", p)));

    private sealed class SynchronousProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
