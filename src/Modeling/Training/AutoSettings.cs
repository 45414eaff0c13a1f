using Platform.Modeling.Serving;
using System.Globalization;
using Platform.Modeling.Packaging;
using Platform.Shared.Training;

namespace Platform.Modeling.Training;

/// <summary>
/// Settles the training options a job left to the platform, from the training split and the base model, and says what
/// it chose and why: <c>epochs</c> from the split's size (about <see cref="TargetExamplesSeen"/> examples shown, between
/// 1 and <see cref="MaxAutoEpochs"/> passes), <c>learningRate</c> from the encoder's width (narrow encoders such as
/// MiniLM learn best at higher rates than BERT-base). Options the job set are kept as they are.
/// </summary>
public static class AutoSettings
{
    /// <summary>Examples an automatic run shows the model: about 2,000 optimizer steps at the default batch of 32.</summary>
    public const int TargetExamplesSeen = 64_000;

    /// <summary>Most passes an automatic run makes over a small split; early stopping may end it sooner.</summary>
    public const int MaxAutoEpochs = 5;

    public static (TrainingOptions Settled, IReadOnlyList<ChosenSetting> Choices) Settle(TrainingOptions options, int trainExamples, int hiddenSize)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(trainExamples, 1);
        var epochs = options.Epochs ?? Epochs(trainExamples);
        var learningRate = options.LearningRate ?? LearningRate(hiddenSize);
        var (precision, precisionReason) = PrecisionPolicy.Settle(options.Precision, DeviceSelector.Resolve(options.Device).type, CpuFeatures.Bf16Flag);
        var settled = options with { Epochs = epochs, LearningRate = learningRate, Precision = precision };
        var schedule = LearningRateSchedule.For(settled, trainExamples);

        var choices = new List<ChosenSetting>
        {
            new(ChosenSetting.Epochs, Text(epochs), options.Epochs is null
                ? $"automatic: {Text(trainExamples)} training examples; about {Text(TargetExamplesSeen)} examples shown, 1 to {Text(MaxAutoEpochs)} passes"
                : "set by the job"),
            new(ChosenSetting.LearningRate, Text(learningRate), options.LearningRate is null
                ? $"automatic: an encoder of hidden size {Text(hiddenSize)}" + (hiddenSize <= 512 ? " (narrow encoders learn best near 1e-4)" : hiddenSize <= 768 ? " (BERT-base width)" : " (wider than BERT-base)")
                : "set by the job"),
            new(ChosenSetting.Warmup, $"{Text(schedule.WarmupSteps)} steps",
                $"{Text(100 * options.WarmupRatio)} % of {Text(schedule.TotalSteps)} optimizer steps, then linear decay to 0"),
            new(ChosenSetting.Precision, PrecisionPolicy.Name(precision), precisionReason),
        };
        return (settled, choices);
    }

    /// <summary>The epochs and learning rate of options <see cref="Settle"/> has filled; unsettled options are refused.</summary>
    public static (int Epochs, double LearningRate) Require(TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options is { Epochs: { } epochs, LearningRate: { } learningRate }
            ? (epochs, learningRate)
            : throw new ArgumentException("The epochs and the learning rate must be chosen (AutoSettings.Settle) before training.", nameof(options));
    }

    /// <summary>About <see cref="TargetExamplesSeen"/> examples shown: small splits get more passes, large ones fewer.</summary>
    public static int Epochs(int trainExamples) => (int)Math.Clamp(Math.Ceiling(TargetExamplesSeen / (double)trainExamples), 1, MaxAutoEpochs);

    /// <summary>1e-4 up to hidden size 512 (MiniLM, small BERTs), 5e-5 up to 768 (BERT-base), 2e-5 above.</summary>
    public static double LearningRate(int hiddenSize) => hiddenSize switch
    {
        <= 512 => 1e-4,
        <= 768 => 5e-5,
        _ => 2e-5,
    };

    private static string Text(double value) => value.ToString("0.#####", CultureInfo.InvariantCulture);

    private static string Text(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
