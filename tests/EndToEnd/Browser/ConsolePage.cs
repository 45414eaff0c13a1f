using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Platform.EndToEnd.Browser;

/// <summary>One browser page on the console, with the console errors and CSP violations it reported.</summary>
public sealed partial class ConsolePage : IAsyncDisposable
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

    /// <summary>Opens the upload page and fills in what every upload needs: the file (as the picker gives it), the model, the tiny base model.</summary>
    public async Task OpenUploadFormAsync(string fileName, string csv, string model)
    {
        await OpenAsync("#/upload");
        await Page.Locator("#upload-file").SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await Page.GetByLabel("Model name").FillAsync(model);
        await Page.GetByLabel("Base model").FillAsync("tiny-random");
    }

    /// <summary>
    /// Waits until the page shows a job (as it does after an upload) and returns that job's id. The console navigates by
    /// its URL's hash, within the same document, so there is no load event to wait for: waiting for one hung whenever the
    /// hash changed after the wait began. When the wait runs out, the URL and the page's alerts go into the failure.
    /// </summary>
    public async Task<string> WaitForJobPageAsync()
    {
        try
        {
            await Page.WaitForURLAsync(JobPage(), new() { WaitUntil = WaitUntilState.Commit, Timeout = 120_000 });
        }
        catch (TimeoutException e)
        {
            var alerts = await Page.GetByRole(AriaRole.Alert).AllTextContentsAsync();
            throw new TimeoutException($"The page stayed at {Page.Url} after the upload; its alerts: [{string.Join(" | ", alerts)}]", e);
        }

        return Uri.UnescapeDataString(Page.Url.Split("#/jobs/")[1]);
    }

    /// <summary>Writes a full-page screenshot to the artifacts folder.</summary>
    public Task ScreenshotAsync(string name) =>
        Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ChromiumFixture.ScreenshotFolder, name + ".png"), FullPage = true });

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();

    [GeneratedRegex("#/jobs/.+")]
    private static partial Regex JobPage();
}
