namespace Platform.Pipeline.Handlers.Uploads;

/// <summary>How <c>POST /api/uploads</c> tells a client to send the CSV's bytes.</summary>
public enum UploadMode
{
    /// <summary>Through the API: <c>PUT /api/datasets/{name}</c> streams the body to the blob (the local default).</summary>
    Stream,

    /// <summary>Straight to Blob Storage with a short-lived SAS for that one blob (Azure: no request-size cap, no account key).</summary>
    Direct,
}
