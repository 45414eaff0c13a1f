using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Platform.Pipeline.Handlers;
using Platform.Pipeline.Handlers.Uploads;
using Platform.Pipeline.Orchestration;

namespace Platform.Pipeline.Tests.Handlers;

/// <summary>
/// <c>POST /api/uploads</c>, <c>PUT /api/datasets/{name}</c> and <c>GET /api/uploads/{name}</c> on Azurite: the id they
/// answer is the one the blob trigger's own code gives the same upload.
/// </summary>
[Collection(DurableCollection.Name)]
public sealed class UploadHandlerTests(DurableHostFixture durable) : JobHandlerTestBase(durable)
{
    [Fact]
    public async Task PrepareThenStream_ValidCsv_AnswersTheJobIdTheBlobTriggerStarts()
    {
        var model = TestStorage.UniqueModelName("reviews");
        var prepared = await PrepareAsync(Handlers.Uploads, new { model, fileName = "My Reviews.csv", options = new { training = new { epochs = 2 } } });

        Assert.Equal(201, prepared.StatusCode);
        var answer = prepared.ParseBody();
        var dataset = answer.GetProperty("dataset").GetString()!;
        Assert.Matches($"^{model}/My-Reviews-[0-9]{{8}}-[0-9]{{6}}-[0-9a-f]{{6}}\\.csv$", dataset);
        Assert.Equal("stream", answer.GetProperty("mode").GetString());
        Assert.Equal("PUT", answer.GetProperty("upload").GetProperty("method").GetString());
        Assert.Equal($"/api/datasets/{dataset}", answer.GetProperty("upload").GetProperty("url").GetString());
        Assert.Equal($"/api/uploads/{dataset}", prepared.Headers["Location"]);
        var written = await DownloadTextAsync(DatasetUploadHandler.OptionsBlobName(dataset));
        Assert.Equal(2, JsonDocument.Parse(written).RootElement.GetProperty("training").GetProperty("epochs").GetInt32());

        var csv = Encoding.UTF8.GetBytes(JobHandlers.SampleCsv());
        var streamed = await Handlers.Uploads.StreamAsync(dataset, optionsHeader: null, new MemoryStream(csv), default);

        Assert.Equal(202, streamed.StatusCode);
        var body = streamed.ParseBody();
        var id = body.GetProperty("id").GetString()!;
        Assert.Equal(dataset, body.GetProperty("dataset").GetString());
        Assert.Equal(csv.Length, body.GetProperty("bytes").GetInt64());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(csv)), body.GetProperty("sha256").GetString());
        Assert.False(body.TryGetProperty("refusal", out _));
        Assert.Equal($"/api/jobs/{id}", streamed.Headers["Location"]);
        Assert.Equal(csv, (await Handlers.Containers.Datasets.GetBlobClient(dataset).DownloadContentAsync()).Value.Content.ToArray());

        var before = await Handlers.Uploads.StatusAsync(Handlers.Client, dataset, default);
        var triggered = await Handlers.Upload.HandleAsync(Handlers.Client, dataset, default);
        var after = await Handlers.Uploads.StatusAsync(Handlers.Client, dataset, default);

        Assert.Equal(202, triggered.StatusCode);
        Assert.Equal(id, triggered.ParseBody().GetProperty("id").GetString());
        Assert.Equal(2, (await InputAsync(id)).Training.Epochs);
        Assert.Equal(200, before.StatusCode);
        Assert.Equal(id, before.ParseBody().GetProperty("id").GetString());
        Assert.False(before.ParseBody().GetProperty("started").GetBoolean());
        Assert.Equal(id, after.ParseBody().GetProperty("id").GetString());
        Assert.True(after.ParseBody().GetProperty("started").GetBoolean());
    }

    [Fact]
    public async Task StreamAsync_OptionsHeader_WritesTheSiblingTheTriggerReads()
    {
        var dataset = $"{TestStorage.UniqueModelName("reviews")}/batch.csv";

        var streamed = await Handlers.Uploads.StreamAsync(dataset, """{"training":{"epochs":3}}""", Csv(), default);

        Assert.Equal(202, streamed.StatusCode);
        var id = streamed.ParseBody().GetProperty("id").GetString()!;
        Assert.Contains("\"epochs\":3", await DownloadTextAsync(DatasetUploadHandler.OptionsBlobName(dataset)), StringComparison.Ordinal);
        var triggered = await Handlers.Upload.HandleAsync(Handlers.Client, dataset, default);
        Assert.Equal(id, triggered.ParseBody().GetProperty("id").GetString());
        Assert.Equal(3, (await InputAsync(id)).Training.Epochs);
    }

    [Fact]
    public async Task PrepareThenTrigger_NotifyOption_ReachesTheOrchestrationAndPrepareRefusesABadOne()
    {
        var model = TestStorage.UniqueModelName("reviews");
        var refused = await PrepareAsync(Handlers.Uploads, new { model, fileName = "r.csv", options = new { notify = new { webhook = "ftp://example.com/hooks" } } });
        var prepared = await PrepareAsync(Handlers.Uploads, new { model, fileName = "r.csv", options = new { notify = new { webhook = "https://example.com/hooks/training" } } });
        var dataset = prepared.ParseBody().GetProperty("dataset").GetString()!;
        await Handlers.Uploads.StreamAsync(dataset, optionsHeader: null, Csv(), default);

        var triggered = await Handlers.Upload.HandleAsync(Handlers.Client, dataset, default);

        Assert.Contains("must be an https URL", StartJobHandlerTests.AssertProblem(refused, 400)["notify.webhook"], StringComparison.Ordinal);
        Assert.Equal(202, triggered.StatusCode);
        var input = await InputAsync(triggered.ParseBody().GetProperty("id").GetString()!);
        Assert.Equal(new Uri("https://example.com/hooks/training"), input.Notifications?.Webhook);
    }

    [Fact]
    public async Task StreamAsync_SiblingOptionsTheTriggerRefuses_AnswersTheFailedJobsIdAndItsProblem()
    {
        var dataset = $"{TestStorage.UniqueModelName("reviews")}/batch.csv";
        await Handlers.Containers.Datasets.GetBlobClient(DatasetUploadHandler.OptionsBlobName(dataset)).UploadAsync(BinaryData.FromString("""{"baseModel":"my-bert"}"""));

        var streamed = await Handlers.Uploads.StreamAsync(dataset, optionsHeader: null, Csv(), default);

        Assert.Equal(202, streamed.StatusCode);
        var body = streamed.ParseBody();
        Assert.Contains("my-bert", body.GetProperty("refusal").GetProperty("errors").GetProperty("baseModel")[0].GetString(), StringComparison.Ordinal);
        var triggered = await Handlers.Upload.HandleAsync(Handlers.Client, dataset, default);
        Assert.Equal(400, triggered.StatusCode);
        Assert.Equal($"/api/jobs/{body.GetProperty("id").GetString()}", triggered.Headers["Location"]);
    }

    [Fact]
    public async Task StreamAsync_NameAlreadyThere_Returns409AndLeavesTheBlobAsItWas()
    {
        var dataset = $"{TestStorage.UniqueModelName("reviews")}/batch.csv";
        var original = JobHandlers.SampleCsv();
        await Handlers.UploadDatasetAsync(dataset, original);

        var result = await Handlers.Uploads.StreamAsync(dataset, """{"training":{"epochs":3}}""", Csv(), default);

        StartJobHandlerTests.AssertProblem(result, 409);
        Assert.Equal(original, await DownloadTextAsync(dataset));
        Assert.Equal([dataset], await DatasetBlobsAsync());
    }

    [Fact]
    public async Task StreamAsync_OverTheLimit_Returns413AndLeavesNoBlob()
    {
        var csv = Encoding.UTF8.GetBytes(JobHandlers.SampleCsv());
        var uploads = Handlers.UploadsWith(new UploadOptions { MaxUploadBytes = csv.Length - 1 });

        var result = await uploads.StreamAsync("reviews/batch.csv", optionsHeader: null, new MemoryStream(csv), default);

        StartJobHandlerTests.AssertProblem(result, 413);
        Assert.Empty(await DatasetBlobsAsync());
    }

    [Fact]
    public async Task StreamAsync_ExactlyTheLimit_IsStored()
    {
        var csv = Encoding.UTF8.GetBytes(JobHandlers.SampleCsv());
        var uploads = Handlers.UploadsWith(new UploadOptions { MaxUploadBytes = csv.Length });

        var result = await uploads.StreamAsync($"{TestStorage.UniqueModelName("reviews")}/batch.csv", optionsHeader: null, new MemoryStream(csv), default);

        Assert.Equal(202, result.StatusCode);
        Assert.Equal(csv.Length, result.ParseBody().GetProperty("bytes").GetInt64());
    }

    [Fact]
    public async Task StreamAsync_OverTheLimitWithAnOptionsHeader_LeavesNothingAndCanBeRetried()
    {
        var csv = Encoding.UTF8.GetBytes(JobHandlers.SampleCsv());
        var dataset = $"{TestStorage.UniqueModelName("reviews")}/batch.csv";
        const string options = """{"training":{"epochs":3}}""";

        var tooLarge = await Handlers.UploadsWith(new UploadOptions { MaxUploadBytes = csv.Length - 1 }).StreamAsync(dataset, options, new MemoryStream(csv), default);

        StartJobHandlerTests.AssertProblem(tooLarge, 413);
        Assert.Empty(await DatasetBlobsAsync());
        var retried = await Handlers.Uploads.StreamAsync(dataset, options, new MemoryStream(csv), default);
        Assert.Equal(202, retried.StatusCode);
    }

    [Fact]
    public async Task StreamAsync_EmptyBody_Returns400AndLeavesNothing()
    {
        var dataset = $"{TestStorage.UniqueModelName("reviews")}/batch.csv";

        var empty = await Handlers.Uploads.StreamAsync(dataset, """{"training":{"epochs":3}}""", new MemoryStream(), default);
        var none = await Handlers.Uploads.StreamAsync(dataset, optionsHeader: null, body: null, default);

        Assert.Contains("empty", StartJobHandlerTests.AssertProblem(empty, 400)["body"], StringComparison.Ordinal);
        Assert.Contains("body", StartJobHandlerTests.AssertProblem(none, 400).Keys);
        Assert.Empty(await DatasetBlobsAsync());
    }

    [Theory]
    [InlineData("{not json", "options")]
    [InlineData("[1, 2]", "options")]
    [InlineData("""{"model":"other"}""", "options.model")]
    [InlineData("""{"training":{"epochz":3}}""", "training.epochz")]
    [InlineData("""{"baseModel":"my-bert"}""", "baseModel")]
    [InlineData("""{"notify":{"webhook":"http://example.com/hooks"}}""", "notify.webhook")]
    [InlineData("""{"notify":{"webhook":"https://example.com/hooks","retries":3}}""", "notify.retries")]
    public async Task StreamAsync_BadOptionsHeader_Returns400NamingTheFieldAndStoresNothing(string header, string field)
    {
        var result = await Handlers.Uploads.StreamAsync("reviews/batch.csv", header, Csv(), default);

        Assert.Contains(field, StartJobHandlerTests.AssertProblem(result, 400).Keys);
        Assert.Empty(await DatasetBlobsAsync());
    }

    [Theory]
    [InlineData("../reviews.csv")]
    [InlineData("reviews/notes.txt")]
    [InlineData("Reviews!/batch.csv")]
    public async Task StreamAsync_BadName_Returns400(string name)
    {
        var result = await Handlers.Uploads.StreamAsync(name, optionsHeader: null, Csv(), default);

        Assert.Contains("name", StartJobHandlerTests.AssertProblem(result, 400).Keys);
        Assert.Empty(await DatasetBlobsAsync());
    }

    [Theory]
    [InlineData("""{"model":"reviews","fileName":"r.csv","options":{"training":{"epochz":3}}}""", "training.epochz")]
    [InlineData("""{"model":"reviews","fileName":"r.csv","options":{"model":"other"}}""", "options.model")]
    [InlineData("""{"model":"reviews","options":{"dataset":"x.csv"}}""", "options.dataset")]
    [InlineData("""{"model":"reviews","options":{"Force":true}}""", "options.Force")]
    [InlineData("""{"model":"reviews","options":[1]}""", "options")]
    [InlineData("""{"model":"reviews","options":{"baseModel":"my-bert"}}""", "baseModel")]
    [InlineData("{not json", "body")]
    [InlineData("[1]", "body")]
    [InlineData("", "body")]
    [InlineData("""{"fileName":"r.csv"}""", "model")]
    [InlineData("""{"model":"Reviews!"}""", "model")]
    [InlineData("""{"model":"reviews","fileName":"r.txt"}""", "fileName")]
    [InlineData("""{"model":"reviews","fileName":7}""", "fileName")]
    [InlineData("""{"model":"reviews","colour":"red"}""", "colour")]
    public async Task PrepareAsync_BadRequest_Returns400NamingTheFieldAndWritesNothing(string json, string field)
    {
        var result = await Handlers.Uploads.PrepareAsync("application/json", JobHandlers.Body(json), default);

        Assert.Contains(field, StartJobHandlerTests.AssertProblem(result, 400).Keys);
        Assert.Empty(await DatasetBlobsAsync());
    }

    [Fact]
    public async Task PrepareAsync_NotJson_Returns415()
    {
        var result = await Handlers.Uploads.PrepareAsync("text/csv", JobHandlers.Body(new { model = "reviews" }), default);

        StartJobHandlerTests.AssertProblem(result, 415);
    }

    [Fact]
    public async Task PrepareAsync_NoOptions_WritesNoSibling()
    {
        var result = await PrepareAsync(Handlers.Uploads, new { model = "reviews" });

        Assert.Equal(201, result.StatusCode);
        Assert.Matches("^reviews/reviews-[0-9]{8}-[0-9]{6}-[0-9a-f]{6}\\.csv$", result.ParseBody().GetProperty("dataset").GetString());
        Assert.Empty(await DatasetBlobsAsync());
    }

    [Fact]
    public async Task PrepareAsync_DirectMode_GivesASasThatCreatesThatOneBlobAndNothingElse()
    {
        var model = TestStorage.UniqueModelName("reviews");
        var uploads = Handlers.UploadsWith(new UploadOptions { Mode = UploadMode.Direct });
        var prepared = await PrepareAsync(uploads, new { model, fileName = "reviews.csv" });

        Assert.Equal(201, prepared.StatusCode);
        var answer = prepared.ParseBody();
        var dataset = answer.GetProperty("dataset").GetString()!;
        var upload = answer.GetProperty("upload");
        Assert.Equal("direct", answer.GetProperty("mode").GetString());
        Assert.Equal("PUT", upload.GetProperty("method").GetString());
        var url = new Uri(upload.GetProperty("url").GetString()!);
        Assert.Equal(Handlers.Containers.Datasets.GetBlobClient(dataset).Uri.AbsolutePath, url.AbsolutePath);
        Assert.True(answer.GetProperty("upload").GetProperty("expiresOn").GetDateTimeOffset() > DateTimeOffset.UtcNow);

        var csv = Encoding.UTF8.GetBytes(JobHandlers.SampleCsv());
        using var http = new HttpClient();
        using var put = await http.SendAsync(DirectPut(url, upload.GetProperty("headers"), csv));
        using var read = await http.GetAsync(url);
        using var again = await http.SendAsync(DirectPut(url, upload.GetProperty("headers"), Encoding.UTF8.GetBytes("text,label\nother,yes\n")));
        using var elsewhere = await http.SendAsync(DirectPut(new UriBuilder(url) { Path = url.AbsolutePath.Replace(".csv", "-2.csv", StringComparison.Ordinal) }.Uri, upload.GetProperty("headers"), csv));

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
        Assert.NotEqual(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(csv, (await Handlers.Containers.Datasets.GetBlobClient(dataset).DownloadContentAsync()).Value.Content.ToArray());
        Assert.Equal([dataset], await DatasetBlobsAsync());

        var status = await uploads.StatusAsync(Handlers.Client, dataset, default);
        var triggered = await Handlers.Upload.HandleAsync(Handlers.Client, dataset, default);

        Assert.Equal(200, status.StatusCode);
        Assert.Equal(triggered.ParseBody().GetProperty("id").GetString(), status.ParseBody().GetProperty("id").GetString());
    }

    [Fact]
    public async Task StatusAsync_NoSuchUpload_Returns404()
    {
        var result = await Handlers.Uploads.StatusAsync(Handlers.Client, "reviews/never-uploaded.csv", default);

        StartJobHandlerTests.AssertProblem(result, 404);
    }

    [Fact]
    public async Task StatusAsync_BadName_Returns400()
    {
        var result = await Handlers.Uploads.StatusAsync(Handlers.Client, "../reviews.csv", default);

        Assert.Contains("name", StartJobHandlerTests.AssertProblem(result, 400).Keys);
    }

    private static Task<HandlerResult> PrepareAsync(UploadHandler uploads, object request) =>
        uploads.PrepareAsync("application/json", JobHandlers.Body(request), default);

    private static MemoryStream Csv() => new(Encoding.UTF8.GetBytes(JobHandlers.SampleCsv()));

    /// <summary>The PUT a client without an SDK sends: the body, and the headers the prepare answer lists.</summary>
    private static HttpRequestMessage DirectPut(Uri url, JsonElement headers, byte[] body)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = new ByteArrayContent(body) };
        foreach (var header in headers.EnumerateObject())
        {
            if (!request.Headers.TryAddWithoutValidation(header.Name, header.Value.GetString()))
            {
                request.Content.Headers.TryAddWithoutValidation(header.Name, header.Value.GetString());
            }
        }

        return request;
    }

    private async Task<string> DownloadTextAsync(string blobName) =>
        (await Handlers.Containers.Datasets.GetBlobClient(blobName).DownloadContentAsync()).Value.Content.ToString();

    private async Task<List<string>> DatasetBlobsAsync()
    {
        var names = new List<string>();
        await foreach (var blob in Handlers.Containers.Datasets.GetBlobsAsync())
        {
            names.Add(blob.Name);
        }

        return names;
    }

    private async Task<TrainingPipelineInput> InputAsync(string jobId) =>
        (await Handlers.Client.GetInstanceAsync(jobId, getInputsAndOutputs: true))!.ReadInputAs<TrainingPipelineInput>()!;
}
