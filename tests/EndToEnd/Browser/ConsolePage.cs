using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Platform.EndToEnd.Browser;

/// <summary>One browser page on the console, with the console errors and CSP violations it reported.</summary>
public sealed class ConsolePage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly ConcurrentQueue<string> _errors = new();

    public ConsolePage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _errors.Enqueue(message.Text);
            }
        };
        page.PageError += (_, error) => _errors.Enqueue(error);
    }

    public IPage Page { get; }

    /// <summary>Script errors and refused resources (CSP) so far; a 4xx answer the page expected is logged too, so tests filter.</summary>
    public IReadOnlyCollection<string> Errors => _errors;

    public Task OpenAsync(string hash) => Page.GotoAsync("/api/console/" + hash);

    /// <summary>Writes a full-page screenshot to the artifacts folder.</summary>
    public Task ScreenshotAsync(string name) =>
        Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ChromiumFixture.ScreenshotFolder, name + ".png"), FullPage = true });

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
