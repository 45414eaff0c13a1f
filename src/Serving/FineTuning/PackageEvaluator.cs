using Platform.Modeling.Evaluation;
using Platform.Modeling.Serving;
using Platform.Shared.Datasets;

namespace Platform.Modeling.FineTuning;

/// <summary>Scores a model package on a labelled CSV, loading the package exactly as prediction does.</summary>
public static class PackageEvaluator
{
    public static (MetricsSummary Summary, string Report, ValidationReport Validation) Evaluate(string packageDirectory, string csvPath, DatasetOptions? options = null)
    {
        using var predictor = Predictor.Load(packageDirectory);
        var labels = predictor.Package.Labels;
        var datasetOptions = (options ?? new DatasetOptions()) with { MultiLabel = labels.MultiLabel, MinRows = 1, MaxTokens = predictor.MaxLength - 2 };
        var read = DatasetReader.Read(csvPath, datasetOptions, predictor.Tokenizer.CountTokens);
        var dataset = read.Dataset ?? throw new DatasetRejectedException(read.Report);
        var encoded = DatasetEncoder.Encode(dataset, labels.Labels, predictor.Tokenizer, predictor.MaxLength);
        var probabilities = predictor.Probabilities([.. encoded.Examples.Select(e => e.InputIds)]);
        var (summary, _, text) = HeldOutEvaluator.Score(encoded, probabilities, labels.Thresholds);
        return (summary, text, read.Report);
    }
}
