namespace Platform.Modeling.Training;

/// <summary>
/// Where a <see cref="TrainingStep"/>'s time went, summed over its steps: the forward pass with the loss, the backward
/// pass, and clipping with the optimizers' updates. libtorch's CPU kernels run synchronously, so the wall clock between
/// the calls is their compute.
/// </summary>
public readonly record struct StepTimes(TimeSpan Forward, TimeSpan Backward, TimeSpan Optimizer)
{
    public TimeSpan Total => Forward + Backward + Optimizer;

    public static StepTimes operator -(StepTimes later, StepTimes earlier) =>
        new(later.Forward - earlier.Forward, later.Backward - earlier.Backward, later.Optimizer - earlier.Optimizer);
}
