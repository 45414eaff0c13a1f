namespace Platform.Pipeline.Handlers.Jobs;

/// <summary>Why an orchestration failed: the error type and message (never the stack trace).</summary>
public sealed record JobFailureView(string ErrorType, string Message);
