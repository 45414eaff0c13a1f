namespace Platform.Pipeline.Handlers.Console;

/// <summary>
/// What the console's pages need to know about the host (<c>GET /api/console/session</c>): the key to send, how uploads
/// travel, the largest upload, and who is signed in.
/// </summary>
/// <param name="ApiKey">Sent as <c>x-functions-key</c> when not null.</param>
/// <param name="UploadMode"><c>stream</c> (through the API) or <c>direct</c> (straight to Blob Storage with a SAS).</param>
/// <param name="MaxUploadBytes">The largest CSV the streaming route takes.</param>
/// <param name="User">The signed-in user's name, when App Service Authentication is in front.</param>
/// <param name="SignOut">Where to sign out, when a user is signed in.</param>
public sealed record ConsoleSession(string? ApiKey, string UploadMode, long MaxUploadBytes, string? User, string? SignOut);
