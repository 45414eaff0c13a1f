namespace Platform.Pipeline.Activities;

/// <summary>Make trial <paramref name="TrialJobId"/>'s package the package of sweep <paramref name="SweepJobId"/>.</summary>
public sealed record AdoptTrialModelInput(string SweepJobId, string TrialJobId);
