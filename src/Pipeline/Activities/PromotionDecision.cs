namespace Platform.Pipeline.Activities;

/// <summary>
/// The gate's verdict; <see cref="AlreadyCurrent"/> means nothing needs writing, <see cref="Overridden"/> that a person
/// promoted the version although the gate refused it.
/// </summary>
public sealed record PromotionDecision(bool Promote, string Reason, bool AlreadyCurrent = false, bool Overridden = false);
