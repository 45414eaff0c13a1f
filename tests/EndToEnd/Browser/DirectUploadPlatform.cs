namespace Platform.EndToEnd.Browser;

/// <summary>
/// DevHost configured as the Functions app is in Azure for uploads (<c>Handlers:Uploads:Mode=Direct</c>): the console's
/// page PUTs the CSV to Blob Storage (Azurite) with the SAS the API issues. No runner: the upload's job only has to start.
/// </summary>
public sealed class DirectUploadPlatform() : PlatformFixture(runRunner: false, extra: new Dictionary<string, string?> { ["Handlers:Uploads:Mode"] = "Direct" });
