namespace Platform.Shared.Training;

/// <summary>How the loss weighs classes.</summary>
public enum ClassWeighting
{
    /// <summary>Every example counts the same.</summary>
    None,

    /// <summary>Inverse class frequency (scikit-learn's <c>balanced</c>): rare classes count more.</summary>
    Balanced,
}
