using Platform.Shared.Datasets;
using Platform.Shared.Training;

namespace Platform.Pipeline.Handlers.Jobs;

/// <summary>Range checks on options received over HTTP or configured as defaults, by field; following <see cref="TrainingOptionRules"/> and <see cref="DatasetOptionRules"/>, named as the request names them.</summary>
internal static class OptionRules
{
    public static void Check(TrainingOptions training, ValidationErrors errors)
    {
        foreach (var problem in TrainingOptionRules.Check(training))
        {
            errors.Add("training." + problem.Option, problem.Message);
        }
    }

    public static void Check(DatasetOptions dataset, ValidationErrors errors)
    {
        foreach (var problem in DatasetOptionRules.Check(dataset))
        {
            errors.Add("datasetOptions." + problem.Option, problem.Message);
        }
    }
}
