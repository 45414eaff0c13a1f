namespace Platform.Pipeline.Handlers.Console;

/// <summary>The web console at <c>/api/console/</c> (configuration section <c>Console</c>).</summary>
public sealed class ConsoleOptions
{
    public const string SectionName = "Console";

    /// <summary>Serve the console at all. The Bicep turns it off in Azure unless sign-in is configured.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Serve the console only to signed-in users: requests must carry the principal header App Service Authentication sets
    /// (<see cref="ConsoleHandler.PrincipalHeader"/>); others are sent to <see cref="SignInPath"/>.
    /// </summary>
    public bool RequireSignIn { get; set; }

    /// <summary>Where App Service Authentication signs a user in (Microsoft Entra ID).</summary>
    public string SignInPath { get; set; } = "/.auth/login/aad";

    /// <summary>Where App Service Authentication signs a user out.</summary>
    public string SignOutPath { get; set; } = "/.auth/logout";

    /// <summary>
    /// A function key the console's pages send as <c>x-functions-key</c> to the JSON routes (Azure); null where the routes
    /// need no key (DevHost listens on loopback only).
    /// </summary>
    public string? ApiKey { get; set; }
}
