using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Platform.EndToEnd.Browser;

/// <summary>
/// The Azure upload path in a real browser: the page asks POST /api/uploads for a SAS, PUTs the file across origins
/// straight to Blob Storage (a CORS preflight the storage account's rule answers, as the Bicep sets it), and the blob
/// event starts the job the page then follows.
/// </summary>
public sealed class DirectUploadTests(DirectUploadPlatform platform, ChromiumFixture chromium) : IClassFixture<DirectUploadPlatform>, IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task UploadPage_InDirectMode_PutsTheFileStraightIntoBlobStorage_AndTheJobStarts()
    {
        await using var cors = await StorageCorsRule.AllowAsync(platform.Http.BaseAddress!);
        await using var console = await chromium.NewPageAsync(platform.Http.BaseAddress!);
        var page = console.Page;
        var model = PlatformFixture.NewModelName();
        var csv = Datasets.Separable(40);
        var sentToStorage = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Method == "PUT")
            {
                sentToStorage.Add(request.Url);
            }
        };

        await console.OpenUploadFormAsync("reviews.csv", csv, model);
        await Expect(page.Locator("main")).ToContainTextAsync("straight to Blob Storage");
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and train" }).ClickAsync();

        var jobId = await console.WaitForJobPageAsync();
        await Expect(page.Locator("section[aria-labelledby=job-summary]")).ToContainTextAsync("Phase", new() { Timeout = 60_000 });

        // The PUT went to the storage account, not through the API, with a SAS.
        var put = Assert.Single(sentToStorage);
        Assert.StartsWith(platform.Datasets.Uri.ToString() + "/" + model + "/", put, StringComparison.Ordinal);
        Assert.Contains("sig=", put, StringComparison.Ordinal);
        Assert.Equal(jobId, await platform.WaitForJobIdAsync(model, TimeSpan.FromSeconds(30)));
        var name = new Uri(put).AbsolutePath[(platform.Datasets.Uri.AbsolutePath.Length + 1)..];
        Assert.Equal(csv, (await platform.Datasets.GetBlobClient(Uri.UnescapeDataString(name)).DownloadContentAsync()).Value.Content.ToString());
        await console.ScreenshotAsync("direct-upload-job");
    }
}
