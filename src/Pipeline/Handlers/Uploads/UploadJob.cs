namespace Platform.Pipeline.Handlers.Uploads;

/// <summary>
/// The job an upload in <c>datasets</c> starts: its id, and when the upload will be (or was) refused before training,
/// the problem that the failed job records.
/// </summary>
public sealed record UploadJob(string Dataset, string JobId, HandlerResult? Refusal);
