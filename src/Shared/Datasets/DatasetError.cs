namespace Platform.Shared.Datasets;

/// <summary>Why a dataset was rejected: a stable <see cref="DatasetErrorCodes"/> code, a message a person can act on, and the line where it applies.</summary>
public sealed record DatasetError(string Code, string Message, int? Line);
