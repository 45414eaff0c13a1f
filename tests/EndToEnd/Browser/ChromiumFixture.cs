using Microsoft.Playwright;

namespace Platform.EndToEnd.Browser;

/// <summary>
/// Debian's headless Chromium (<c>apt-get install chromium</c>; <c>CHROMIUM_PATH</c> overrides where it is) driven by
/// Playwright over CDP. Playwright never downloads a browser here: it is told which executable to start.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public static string ExecutablePath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>Where the browser tests leave their screenshots: <c>artifacts/console-screenshots</c> of the repository.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(Platform.TestSupport.RepositoryRoot.Path, "artifacts", "console-screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"No Chromium at {ExecutablePath}: install it with 'apt-get install -y chromium' (.ci/run does) or set CHROMIUM_PATH.");
        }

        Directory.CreateDirectory(ScreenshotFolder);
        _playwright = await Playwright.CreateAsync();
        // --no-sandbox: CI runs as root, where Chromium refuses its sandbox.
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>A fresh page (its own cookies and storage) that fails the test on any script error or CSP violation.</summary>
    public async Task<ConsolePage> NewPageAsync(Uri baseAddress)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString(), ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(30_000);
        return new ConsolePage(context, await context.NewPageAsync());
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
