using Platform.Modeling.Evaluation;
using Platform.Modeling.Packaging;
using Platform.Modeling.Training;
using Platform.Shared.Datasets;

namespace Platform.Modeling.FineTuning;

/// <summary>What a finished job produced: the validation report, the training run, held-out test metrics and the package.</summary>
public sealed record FineTuneResult(
    ValidationReport Validation,
    TrainingResult Training,
    MetricsSummary Test,
    string TestReport,
    InferencePrecision Precision,
    string PackageDirectory);
