using System.Text.Json;
using Platform.Pipeline.Handlers;

namespace Platform.Pipeline.Tests.Handlers;

[Collection(DurableCollection.Name)]
public sealed class JobListHandlerTests(DurableHostFixture durable) : JobHandlerTestBase(durable)
{
    [Fact]
    public async Task ListAsync_OneModel_ListsItsJobsNewestFirstAndNotThoseOfLongerNames()
    {
        var model = TestStorage.UniqueModelName("list");
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await StartAsync(model, force: i > 0));
        }

        var other = await StartAsync(model + "-fr", force: false);

        var result = await Handlers.List.ListAsync(Handlers.Client, model, top: null, default);

        Assert.Equal(200, result.StatusCode);
        var jobs = result.ParseBody().GetProperty("jobs").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Reverse(ids), jobs.Select(j => j.GetProperty("id").GetString()));
        Assert.All(jobs, job => Assert.Equal(model, job.GetProperty("model").GetString()));
        Assert.All(jobs, job => Assert.Equal($"/api/jobs/{job.GetProperty("id").GetString()}", job.GetProperty("links").GetProperty("self").GetString()));
        Assert.DoesNotContain(other, jobs.Select(j => j.GetProperty("id").GetString()));
        Assert.False(result.ParseBody().GetProperty("truncated").GetBoolean());

        var all = (await Handlers.List.ListAsync(Handlers.Client, model: null, top: "100", default)).ParseBody().GetProperty("jobs").EnumerateArray()
            .Select(j => j.GetProperty("id").GetString()).ToList();
        Assert.Contains(other, all);
        Assert.Contains(ids[0], all);
    }

    [Fact]
    public async Task ListAsync_Top_CutsTheListAndSaysSo()
    {
        var model = TestStorage.UniqueModelName("top");
        await StartAsync(model, force: false);
        var newest = await StartAsync(model, force: true);

        var result = await Handlers.List.ListAsync(Handlers.Client, model, top: "1", default);

        var body = result.ParseBody();
        Assert.Equal(newest, Assert.Single(body.GetProperty("jobs").EnumerateArray()).GetProperty("id").GetString());
        Assert.True(body.GetProperty("truncated").GetBoolean());
    }

    [Theory]
    [InlineData("reviews", "0")]
    [InlineData("reviews", "many")]
    [InlineData("../etc", null)]
    public async Task ListAsync_BadQuery_Returns400NamingTheParameter(string model, string? top)
    {
        var result = await Handlers.List.ListAsync(Handlers.Client, model, top, default);

        Assert.Equal(400, result.StatusCode);
        var errors = result.ParseBody().GetProperty("errors");
        Assert.True(errors.TryGetProperty(top is null ? "model" : "top", out _), errors.ToString());
    }

    private async Task<string> StartAsync(string model, bool force)
    {
        await Handlers.UploadDatasetAsync($"{model}.csv");
        var started = await Handlers.Start.StartAsync(Handlers.Client, JobHandlers.Body(new { model, dataset = $"{model}.csv", force }), default);
        Assert.Equal(202, started.StatusCode);
        var id = started.ParseBody().GetProperty("id").GetString()!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Handlers.Client.WaitForInstanceStartAsync(id, timeout.Token);
        // Start times are whole milliseconds apart at least; keep the order unambiguous.
        await Task.Delay(50);
        return id;
    }
}
