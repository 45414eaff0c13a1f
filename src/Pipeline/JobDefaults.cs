using Platform.Modeling.BaseModels;
using Platform.Shared.Datasets;
using Platform.Shared.Training;

namespace Platform.Pipeline;

/// <summary>
/// Section <c>Pipeline:Defaults</c>: what a job gets for every option its request, <c>.options.json</c> or blob metadata
/// leaves out. A request's <c>training</c> and <c>datasetOptions</c> are laid over these property by property, so a
/// request that sets only <c>epochs</c> keeps the configured learning rate.
/// </summary>
public sealed class JobDefaults
{
    /// <summary>Built-in name (<c>minilm-l6</c>, <c>tiny-random</c>) or a folder in <c>base-models</c>.</summary>
    public string BaseModel { get; set; } = BaseModelResolver.MiniLmL6;

    public TrainingOptions Training { get; set; } = new();

    public DatasetOptions Dataset { get; set; } = new();
}
