namespace Platform.Pipeline.Notifications;

/// <summary>The job option <c>notify</c>: where the job's phase changes are posted as CloudEvents.</summary>
/// <param name="Webhook">An absolute https URI (plain http only to a loopback host).</param>
public sealed record NotifyOptions(Uri Webhook);
