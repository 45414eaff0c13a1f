using System.Text.Json;
using Platform.Shared.Training;

namespace Platform.Pipeline.Sweeps;

/// <summary>One trial of a <see cref="SweepPlan"/>: its number (from 1), the swept options it sets (<c>training.learningRate</c> → 5e-05), and the whole training options that result.</summary>
public sealed record SweepTrial(int Number, IReadOnlyDictionary<string, JsonElement> Options, TrainingOptions Training);
