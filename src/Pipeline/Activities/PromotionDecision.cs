namespace Platform.Pipeline.Activities;

/// <summary>The gate's verdict; <see cref="AlreadyCurrent"/> means nothing needs writing.</summary>
public sealed record PromotionDecision(bool Promote, string Reason, bool AlreadyCurrent = false);
