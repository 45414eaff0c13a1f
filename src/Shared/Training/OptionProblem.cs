namespace Platform.Shared.Training;

/// <summary>A rule an option breaks: the option as JSON names it (<c>maxSteps</c>) and a message that starts with that name.</summary>
public sealed record OptionProblem(string Option, string Message);
