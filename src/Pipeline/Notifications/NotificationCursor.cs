namespace Platform.Pipeline.Notifications;

/// <summary>The last phase a job notified and how many events it has sent: carried across ContinueAsNew, so a watchdog cycle that stays in its phase sends nothing.</summary>
public sealed record NotificationCursor(string? Phase, int Sequence)
{
    public static NotificationCursor None { get; } = new(null, 0);
}
