namespace Platform.Pipeline.Activities;

/// <summary>Which job's package to score, on at most <paramref name="MaxExamples"/> test examples.</summary>
public sealed record EvaluateModelInput(string JobId, int MaxExamples);
