using Platform.Shared.Jobs;

namespace Platform.Functions;

/// <summary>
/// The settings the trigger attributes name as <c>%Setting%</c>: the host resolves them from app settings, so the triggers
/// watch the containers and queues the platform writes (<c>Pipeline:*</c>), renamed or not. Every host must set them; these
/// are the values deployed and the defaults DevHost starts from.
/// </summary>
public static class TriggerSettings
{
    public const string DatasetsContainer = "Pipeline:DatasetsContainer";

    public const string TrainingEventsQueue = "Pipeline:TrainingEventsQueue";

    public static IReadOnlyDictionary<string, string?> Defaults { get; } = new Dictionary<string, string?>
    {
        [DatasetsContainer] = StorageNames.DatasetsContainer,
        [TrainingEventsQueue] = StorageNames.TrainingEventsQueue,
    };
}
