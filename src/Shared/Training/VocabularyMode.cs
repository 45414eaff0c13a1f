namespace Platform.Shared.Training;

/// <summary>Whether training adds the training split's frequent unknown characters to the base model's vocabulary.</summary>
public enum VocabularyMode
{
    /// <summary>Extend when at least 1 % of the training split's tokens are <c>[UNK]</c> (a script the vocabulary barely covers).</summary>
    Auto,

    /// <summary>Keep the base model's vocabulary as it is.</summary>
    Base,

    /// <summary>Extend whenever the training split has unknown characters that occur at least twice.</summary>
    Extend,
}
