namespace Platform.Pipeline.Scoring;

/// <summary>Codes of scoring errors that are not about the CSV itself (those carry <see cref="Shared.Datasets.DatasetErrorCodes"/> or <see cref="Shared.Datasets.DropReasonCodes"/>).</summary>
public static class ScoringErrorCodes
{
    /// <summary>The model has no <c>current.json</c>: nothing published to score with.</summary>
    public const string ModelNotFound = "model_not_found";

    /// <summary>The version the options name does not exist.</summary>
    public const string VersionNotFound = "version_not_found";

    /// <summary>The version exists but cannot be served (a damaged package, one without ONNX graphs).</summary>
    public const string ModelUnavailable = "model_unavailable";

    /// <summary>The upload was deleted before it was scored.</summary>
    public const string InputNotFound = "input_not_found";

    /// <summary>The upload was overwritten while it was scored; the new bytes are a job of their own.</summary>
    public const string InputChanged = "input_changed";

    /// <summary>The upload has a header but no rows.</summary>
    public const string NoDataRows = Shared.Datasets.DatasetErrorCodes.NoDataRows;

    /// <summary>The job's error code for <paramref name="code"/>: the model and input codes as they are, CSV problems as <c>validation</c>.</summary>
    public static string JobErrorCode(string code) => code is ModelNotFound or VersionNotFound or ModelUnavailable or InputNotFound or InputChanged
        ? code
        : Orchestration.PipelineErrorCodes.Validation;
}
