namespace Platform.Pipeline.Orchestration;

/// <summary>
/// Why an upload could not become a training job (its options, base model or name), kept short enough for orchestration
/// state; the whole problem document is in <c>jobs/{id}/problem.json</c>.
/// </summary>
public sealed record UploadRejection(string DatasetBlob, int Status, string Title, string Detail)
{
    public const int MaxTitleLength = 200;
    public const int MaxDetailLength = 2000;

    public static UploadRejection Create(string datasetBlob, int status, string? title, string? detail) =>
        new(datasetBlob, status, Bound(title, MaxTitleLength) ?? "Upload rejected.", Bound(detail, MaxDetailLength) ?? "");

    private static string? Bound(string? text, int max) => text is null || text.Length <= max ? text : text[..(max - 1)] + "…";
}
