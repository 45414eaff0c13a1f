using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Platform.EndToEnd.Browser;

/// <summary>
/// The web console in a real browser (headless Chromium) against DevHost with the tiny BERT: what a person does with it,
/// checked against what the API says. Screenshots go to artifacts/console-screenshots.
/// </summary>
public sealed class ConsoleTests(ConsolePlatform platform, ChromiumFixture chromium) : IClassFixture<ConsolePlatform>, IClassFixture<ChromiumFixture>
{
    private static readonly TimeSpan Training = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task UploadThroughThePage_JobCompletes_TryItShowsTheLabelThePredictRouteGives()
    {
        await using var console = await chromium.NewPageAsync(platform.Http.BaseAddress!);
        var page = console.Page;
        var model = PlatformFixture.NewModelName();
        await console.OpenUploadFormAsync("reviews.csv", Datasets.Separable(), model);
        await Expect(page.Locator(".file-name")).ToContainTextAsync("reviews.csv");
        await page.GetByLabel("Epochs").FillAsync("3");
        await page.GetByLabel("Learning rate").FillAsync("0.001");
        await page.GetByLabel("Max length (tokens)").FillAsync("16");
        await console.ScreenshotAsync("upload-form");
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and train" }).ClickAsync();

        var jobId = await console.WaitForJobPageAsync();
        Assert.StartsWith(model + "-", jobId, StringComparison.Ordinal);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Completed", Exact = true })).ToBeVisibleAsync(new() { Timeout = (float)Training.TotalMilliseconds });

        // What the page shows is what the API holds: the job completed, with a loss at every step the runner logged.
        var job = await platform.Http.GetFromJsonAsync<JsonElement>(new Uri($"/api/jobs/{jobId}", UriKind.Relative));
        Assert.Equal("completed", job.GetProperty("phase").GetString());
        var steps = job.GetProperty("progress").GetProperty("totalSteps").GetInt32();
        await Expect(page.Locator("section[aria-labelledby=job-summary] dl.facts")).ToContainTextAsync($"{steps}/{steps}");
        await Expect(page.Locator("svg.chart path.line.loss")).ToHaveCountAsync(1);
        var lossPath = await page.Locator("svg.chart path.line.loss").GetAttributeAsync("d");
        Assert.Equal(job.GetProperty("progress").GetProperty("lossHistory").GetArrayLength(), Regex.Matches(lossPath!, "[ML]").Count);
        await Expect(page.Locator("section[aria-labelledby=job-report]")).ToContainTextAsync("Rows kept");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Cancel job" })).ToBeHiddenAsync();
        await console.ScreenshotAsync("job-completed");

        await page.GetByRole(AriaRole.Link, new() { Name = $"Try {model}" }).ClickAsync();
        await page.GetByLabel("Text", new() { Exact = true }).FillAsync("wonderful excellent great lovely superb");
        await page.GetByRole(AriaRole.Button, new() { Name = "Predict" }).ClickAsync();
        var shown = (await page.Locator(".predicted-label").TextContentAsync(new() { Timeout = 60_000 }))!;
        await Expect(page.Locator("table.scores tbody tr")).ToHaveCountAsync(2);
        await console.ScreenshotAsync("try-it");

        using var predicted = await platform.Http.PostAsJsonAsync(new Uri($"/api/models/{model}/predict", UriKind.Relative), new { texts = new[] { "wonderful excellent great lovely superb" } });
        var label = (await predicted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("predictions")[0].GetProperty("label").GetString();
        Assert.Equal(label, shown);

        await console.OpenAsync($"#/jobs?model={model}");
        await Expect(page.Locator($"tr[data-job='{jobId}']")).ToContainTextAsync("completed");
        AssertNoScriptErrors(console);
    }

    [Fact]
    public async Task BadCsvThroughThePage_JobPageShowsTheLineNumberedError_AndTheUploadIsKept()
    {
        await using var console = await chromium.NewPageAsync(platform.Http.BaseAddress!);
        var page = console.Page;
        var model = PlatformFixture.NewModelName();
        var csv = "text,label\nfine film,positive\n\"never closed,negative\nbad,negative\n";
        await console.OpenUploadFormAsync("broken.csv", csv, model);
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and train" }).ClickAsync();

        await console.WaitForJobPageAsync();
        var alert = page.GetByRole(AriaRole.Alert);
        await Expect(alert).ToContainTextAsync("line 3", new() { Timeout = 60_000 });
        await Expect(alert).ToContainTextAsync("never closed");
        Assert.DoesNotContain("null", await alert.TextContentAsync(), StringComparison.Ordinal);
        await console.ScreenshotAsync("job-failed-bad-csv");

        var blobs = new List<string>();
        await foreach (var blob in platform.Datasets.GetBlobsAsync(traits: Azure.Storage.Blobs.Models.BlobTraits.None, states: Azure.Storage.Blobs.Models.BlobStates.None, prefix: model + "/", cancellationToken: default))
        {
            blobs.Add(blob.Name);
        }

        var uploaded = Assert.Single(blobs, name => name.EndsWith(".csv", StringComparison.Ordinal));
        Assert.Equal(csv, (await platform.Datasets.GetBlobClient(uploaded).DownloadContentAsync()).Value.Content.ToString());
    }

    [Fact]
    public async Task JobPage_Cancel_StopsARunningJob()
    {
        var model = PlatformFixture.NewModelName();
        // Long enough that it is still training when the button is pressed, whatever the machine's speed: cancel ends it.
        var jobId = await platform.StartUploadAsync(model, Datasets.Separable(1000), Datasets.TinyOptions(epochs: 100, earlyStoppingPatience: 0));
        await using var console = await chromium.NewPageAsync(platform.Http.BaseAddress!);
        var page = console.Page;
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await console.OpenAsync($"#/jobs/{jobId}");

        var cancel = page.GetByRole(AriaRole.Button, new() { Name = "Cancel job" });
        await Expect(cancel).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await cancel.ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Job cancelled" })).ToBeVisibleAsync(new() { Timeout = (float)Training.TotalMilliseconds });
        var job = await platform.WaitForTerminalAsync(jobId, TimeSpan.FromMinutes(1));
        Assert.Equal("cancelled", job.GetProperty("phase").GetString());
        await Expect(cancel).ToBeHiddenAsync();
        await console.ScreenshotAsync("job-cancelled");
    }

    [Fact]
    public async Task UploadForm_BadOptions_ShowTheApisMessageNamingTheField_AndUploadNothing()
    {
        await using var console = await chromium.NewPageAsync(platform.Http.BaseAddress!);
        var page = console.Page;
        var model = PlatformFixture.NewModelName();
        await console.OpenUploadFormAsync("reviews.csv", Datasets.Separable(), model);
        await page.GetByLabel("Epochs").FillAsync("0");
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and train" }).ClickAsync();

        var alert = page.GetByRole(AriaRole.Alert);
        await Expect(alert).ToContainTextAsync("training.epochs");
        Assert.EndsWith("#/upload", page.Url, StringComparison.Ordinal);
        await foreach (var blob in platform.Datasets.GetBlobsAsync(traits: Azure.Storage.Blobs.Models.BlobTraits.None, states: Azure.Storage.Blobs.Models.BlobStates.None, prefix: model, cancellationToken: default))
        {
            Assert.Fail($"Nothing should be uploaded for refused options; found {blob.Name}.");
        }
    }

    [Fact]
    public async Task ModelPage_PromoteWithOverride_ThenRollBack_EachRecordedWithItsReason()
    {
        var trained = await platform.TwoVersionsAsync();
        await using var console = await chromium.NewPageAsync(platform.Http.BaseAddress!);
        var page = console.Page;
        var current = await CurrentAsync(trained.Model);
        var other = current.GetProperty("current").GetString() == trained.First ? trained.Second : trained.First;
        var before = current.GetProperty("current").GetString()!;

        await console.OpenAsync($"#/models/{trained.Model}");
        await Expect(page.Locator($"tr[data-version='{before}']")).ToContainTextAsync("current");

        // An override without a reason: the API's message is shown, nothing changes.
        await page.GetByLabel("Version to make current").SelectOptionAsync(other);
        await page.GetByLabel("Override the promotion gate").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Make current" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("reason");
        Assert.Equal(before, (await CurrentAsync(trained.Model)).GetProperty("current").GetString());

        await page.GetByLabel("Reason").FillAsync("console test: promote");
        await page.GetByRole(AriaRole.Button, new() { Name = "Make current" }).ClickAsync();
        await Expect(page.Locator($"tr[data-version='{other}']")).ToContainTextAsync("current");
        var promoted = await CurrentAsync(trained.Model);
        Assert.Equal(other, promoted.GetProperty("current").GetString());
        // Recorded as an override only where the gate refused; the reason is recorded either way.
        Assert.Equal(promoted.TryGetProperty("overridden", out var overridden) && overridden.GetBoolean(), promoted.GetProperty("reason").GetString()!.StartsWith("overridden:", StringComparison.Ordinal));
        Assert.Contains("console test: promote", promoted.GetProperty("reason").GetString(), StringComparison.Ordinal);
        await console.ScreenshotAsync("model-promoted");

        await page.GetByLabel("Version to make current").SelectOptionAsync(before);
        await page.GetByLabel("Override the promotion gate").CheckAsync();
        await page.GetByLabel("Reason").FillAsync("console test: roll back");
        await page.GetByRole(AriaRole.Button, new() { Name = "Make current" }).ClickAsync();
        await Expect(page.Locator($"tr[data-version='{before}']")).ToContainTextAsync("current");
        var rolledBack = await CurrentAsync(trained.Model);
        Assert.Equal(before, rolledBack.GetProperty("current").GetString());
        Assert.Contains("console test: roll back", rolledBack.GetProperty("reason").GetString(), StringComparison.Ordinal);
        await Expect(page.Locator("section[aria-labelledby=current-heading]")).ToContainTextAsync("console test: roll back");
        AssertNoScriptErrors(console);
    }

    [Fact]
    public async Task ModelPage_ComparesTwoVersionsSideBySide_WithTheirEvaluations()
    {
        var trained = await platform.TwoVersionsAsync();
        await using var console = await chromium.NewPageAsync(platform.Http.BaseAddress!);
        var page = console.Page;
        await console.OpenAsync($"#/models/{trained.Model}?version={trained.Second}");

        await Expect(page.Locator("table.matrix")).ToBeVisibleAsync();
        await page.GetByLabel("Version A").SelectOptionAsync(trained.First);
        await page.GetByLabel("Version B").SelectOptionAsync(trained.Second);
        await page.GetByRole(AriaRole.Button, new() { Name = "Compare" }).ClickAsync();
        var comparison = page.Locator("table", new() { HasText = "against" });
        await Expect(comparison).ToContainTextAsync($"A: {trained.First}");

        var first = await VersionAsync(trained.Model, trained.First);
        var macroF1 = first.GetProperty("metrics").GetProperty("macroF1").GetDouble().ToString("0.000", System.Globalization.CultureInfo.InvariantCulture);
        await Expect(comparison.Locator("tr", new() { HasText = "Test macro-F1" })).ToContainTextAsync(macroF1);
        await console.ScreenshotAsync("model-compare");
    }

    [Fact]
    public async Task KeyboardOnly_SkipLinkThenTabToTryIt_PredictsWithEnter()
    {
        var trained = await platform.TwoVersionsAsync();
        await using var console = await chromium.NewPageAsync(platform.Http.BaseAddress!);
        var page = console.Page;
        await console.OpenAsync($"#/models/{trained.Model}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Try it" })).ToBeVisibleAsync();

        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to content", await page.EvaluateAsync<string>("document.activeElement.textContent"));
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("main", await page.EvaluateAsync<string>("document.activeElement.id"));

        var reached = false;
        for (var i = 0; i < 40 && !reached; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            reached = await page.EvaluateAsync<string>("document.activeElement.id") == "try-text";
        }

        Assert.True(reached, "Tab never reached the try-it text box.");
        await page.Keyboard.TypeAsync("terrible awful horrible");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("try-version", await page.EvaluateAsync<string>("document.activeElement.id"));
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Predict", await page.EvaluateAsync<string>("document.activeElement.textContent"));
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator(".predicted-label")).Not.ToBeEmptyAsync(new() { Timeout = 60_000 });

        // The focused element is drawn with a visible outline.
        var outline = await page.EvaluateAsync<string>("getComputedStyle(document.activeElement).outlineStyle");
        Assert.NotEqual("none", outline);
    }

    [Fact]
    public async Task EveryPage_HasNoAxeViolations_AndEveryInputIsLabelled()
    {
        var trained = await platform.TwoVersionsAsync();
        var jobId = (await platform.Http.GetFromJsonAsync<JsonElement>(new Uri($"/api/models/{trained.Model}", UriKind.Relative))).GetProperty("jobId").GetString()!;
        await using var console = await chromium.NewPageAsync(platform.Http.BaseAddress!);
        var page = console.Page;
        var pages = new (string Hash, string Ready, string Name)[]
        {
            ("#/jobs", "tbody tr", "jobs"),
            ($"#/jobs/{jobId}", "svg.chart", "job"),
            ("#/models", "tbody tr", "models"),
            ($"#/models/{trained.Model}", "table.matrix", "model"),
            ("#/upload", "#upload-file", "upload"),
        };
        var violations = new List<string>();
        foreach (var (hash, ready, name) in pages)
        {
            await console.OpenAsync(hash);
            await page.Locator(ready).First.WaitForAsync(new() { State = WaitForSelectorState.Attached });
            var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } });
            violations.AddRange(result.Violations.Select(v => $"{name}: {v.Id} ({v.Impact}) {v.Help} — {string.Join("; ", v.Nodes.Take(3).Select(n => n.Html))}"));

            var unlabelled = await page.EvaluateAsync<string[]>(
                "[...document.querySelectorAll('input, select, textarea')].filter(e => e.type !== 'hidden' && !(e.labels && e.labels.length) && !e.getAttribute('aria-label')).map(e => e.outerHTML)");
            violations.AddRange(unlabelled.Select(html => $"{name}: unlabelled control {html}"));
            await console.ScreenshotAsync("axe-" + name);
        }

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    private async Task<JsonElement> CurrentAsync(string model) =>
        await platform.Http.GetFromJsonAsync<JsonElement>(new Uri($"/api/models/{model}", UriKind.Relative));

    private async Task<JsonElement> VersionAsync(string model, string version) =>
        await platform.Http.GetFromJsonAsync<JsonElement>(new Uri($"/api/models/{model}/versions/{version}", UriKind.Relative));

    /// <summary>
    /// No script error and no resource refused by the Content-Security-Policy. The browser also logs every error status
    /// an API call answered ("Failed to load resource"); the pages expect those (a job not started yet, a refused request).
    /// </summary>
    private static void AssertNoScriptErrors(ConsolePage console)
    {
        var errors = console.Errors.Where(e => !e.StartsWith("Failed to load resource: the server responded with a status of 4", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }
}
