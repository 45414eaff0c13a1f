namespace Platform.Modeling.Training;

/// <summary>Linear warmup from 0 to the peak, then linear decay to 0 at the last step.</summary>
internal sealed record LearningRateSchedule(double Peak, int WarmupSteps, int TotalSteps)
{
    public double At(int step)
    {
        if (WarmupSteps > 0 && step < WarmupSteps)
        {
            return Peak * (step + 1) / WarmupSteps;
        }

        var remaining = Math.Max(0, TotalSteps - step);
        var decaySteps = Math.Max(1, TotalSteps - WarmupSteps);
        return Peak * remaining / decaySteps;
    }
}
