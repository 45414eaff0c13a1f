using Platform.Shared.Jobs;

namespace Platform.Functions;

/// <summary>
/// The settings the trigger attributes name as <c>%Setting%</c>: the host resolves them from app settings, so the triggers
/// watch the containers and queue the platform uses (<c>Storage:*</c>, the one vocabulary), renamed or not. Every host must set them; these
/// are the values deployed and the defaults DevHost starts from.
/// </summary>
public static class TriggerSettings
{
    public const string DatasetsContainer = "Storage:DatasetsContainer";

    public const string ScoringContainer = "Storage:ScoringContainer";

    public const string TrainingEventsQueue = "Storage:EventsQueue";

    public static IReadOnlyDictionary<string, string?> Defaults { get; } = new Dictionary<string, string?>
    {
        [DatasetsContainer] = StorageNames.DatasetsContainer,
        [ScoringContainer] = StorageNames.ScoringContainer,
        [TrainingEventsQueue] = StorageNames.TrainingEventsQueue,
    };
}
