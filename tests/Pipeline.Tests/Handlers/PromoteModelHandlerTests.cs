using Platform.Pipeline.Activities;
using Platform.Pipeline.Storage;
using Platform.Shared.Jobs;

namespace Platform.Pipeline.Tests.Handlers;

/// <summary><c>POST /api/models/{model}/current</c>: promote and roll back through the gate, override only with a recorded reason.</summary>
[Collection(TrainedPackagesCollection.Name)]
public sealed class PromoteModelHandlerTests(TrainedPackagesFixture packages) : ModelHandlerTestBase
{
    private const string Model = "sentiment";

    [Fact]
    public async Task PromoteAsync_PromoteRefuseOverrideRollBack_MovesCurrentThroughTheGate()
    {
        await PublishAsync("v1", macroF1: 0.80);
        await PublishAsync("v2", macroF1: 0.60);

        var first = await PromoteAsync(new { version = "v1" });
        Assert.Equal(200, first.StatusCode);
        Assert.Contains("first version", first.ParseBody().GetProperty("reason").GetString(), StringComparison.Ordinal);
        var pointer = await CurrentAsync();
        Assert.Equal(("v1", "sentiment-job-v1", 0.80, (bool?)null), (pointer.Version, pointer.JobId, pointer.MacroF1, pointer.Overridden));
        Assert.Contains("first version", pointer.Reason, StringComparison.Ordinal);

        // 0.60 is more than 0.02 below 0.80: the gate refuses, and nothing moves.
        var refused = await PromoteAsync(new { version = "v2" });
        StartJobHandlerTests.AssertProblem(refused, 409);
        var detail = refused.ParseBody().GetProperty("detail").GetString()!;
        Assert.Contains("more than 0.0200 below the current version v1 (0.8000)", detail, StringComparison.Ordinal);
        Assert.Contains("\"override\": true", detail, StringComparison.Ordinal);
        Assert.Equal("v1", (await CurrentAsync()).Version);

        var overridden = await PromoteAsync(new { version = "v2", @override = true, reason = "v1 misreads the new product names" });
        Assert.Equal(200, overridden.StatusCode);
        var body = overridden.ParseBody();
        Assert.Equal(("v2", "v1", true, true), (body.GetProperty("version").GetString(), body.GetProperty("previousVersion").GetString(), body.GetProperty("overridden").GetBoolean(), body.GetProperty("promoted").GetBoolean()));
        pointer = await CurrentAsync();
        Assert.Equal(("v2", (bool?)true), (pointer.Version, pointer.Overridden));
        Assert.Contains("v1 misreads the new product names", pointer.Reason, StringComparison.Ordinal);
        Assert.Contains("the gate said: macro-F1 0.6000 is more than", pointer.Reason, StringComparison.Ordinal);
        var detailView = (await Handlers.Models.GetAsync(Model, default)).ParseBody();
        Assert.Equal(("v2", true), (detailView.GetProperty("current").GetString(), detailView.GetProperty("overridden").GetBoolean()));
        Assert.Equal(pointer.Reason, detailView.GetProperty("reason").GetString());
        Assert.Equal("/api/models/sentiment/current", detailView.GetProperty("links").GetProperty("current").GetString());
        var listed = Assert.Single((await Handlers.Models.ListAsync(default)).ParseBody().GetProperty("models").EnumerateArray());
        Assert.Equal(("v2", true, pointer.Reason), (listed.GetProperty("version").GetString(), listed.GetProperty("overridden").GetBoolean(), listed.GetProperty("reason").GetString()));

        // Rolling back to the better version passes the gate by itself; the override is no longer recorded.
        var rollBack = await PromoteAsync(new { version = "v1" });
        Assert.Equal(200, rollBack.StatusCode);
        pointer = await CurrentAsync();
        Assert.Equal(("v1", (bool?)null), (pointer.Version, pointer.Overridden));
        Assert.Contains("within 0.0200 of the current version v2", pointer.Reason, StringComparison.Ordinal);

        var again = await PromoteAsync(new { version = "v1" });
        Assert.Equal(200, again.StatusCode);
        Assert.False(again.ParseBody().GetProperty("promoted").GetBoolean());
    }

    [Fact]
    public async Task PromoteAsync_AReasonTheGateAgreesWith_IsRecordedWithTheGatesDecision_WithoutAnOverride()
    {
        await PublishAsync("v1", macroF1: 0.70);
        await PublishAsync("v2", macroF1: 0.80);
        Assert.Equal(200, (await PromoteAsync(new { version = "v1" })).StatusCode);

        // An override was asked for, but the gate promotes v2 by itself: the reason is kept, no override is recorded.
        var result = await PromoteAsync(new { version = "v2", @override = true, reason = "retrained on the March data" });

        Assert.Equal(200, result.StatusCode);
        var pointer = await CurrentAsync();
        Assert.Equal(("v2", (bool?)null), (pointer.Version, pointer.Overridden));
        Assert.StartsWith("retrained on the March data (the gate said: ", pointer.Reason, StringComparison.Ordinal);
        Assert.Equal(pointer.Reason, result.ParseBody().GetProperty("reason").GetString());
    }

    [Fact]
    public async Task PromoteAsync_UnknownVersion_Returns404NamingTheList()
    {
        await PublishAsync("v1", macroF1: 0.80);

        var result = await PromoteAsync(new { version = "v9" });

        StartJobHandlerTests.AssertProblem(result, 404);
        Assert.Contains("GET /api/models/sentiment lists its versions", result.ParseBody().GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PromoteAsync_BadRequests_SayWhatIsWrong()
    {
        await PublishAsync("v1", macroF1: 0.80);

        Assert.Equal(["body.versoin"], StartJobHandlerTests.AssertProblem(await PromoteAsync(new { versoin = "v1" }), 400).Keys);
        Assert.Contains("required", StartJobHandlerTests.AssertProblem(await PromoteAsync(new { }), 400)["body.version"], StringComparison.Ordinal);
        Assert.Contains("not valid", StartJobHandlerTests.AssertProblem(await PromoteAsync(new { version = "../v1" }), 400)["body.version"], StringComparison.Ordinal);
        Assert.Contains("needs a 'reason'", StartJobHandlerTests.AssertProblem(await PromoteAsync(new { version = "v1", @override = true }), 400)["body.reason"], StringComparison.Ordinal);
        Assert.Contains("at most 500", StartJobHandlerTests.AssertProblem(await PromoteAsync(new { version = "v1", @override = true, reason = new string('x', 501) }), 400)["body.reason"], StringComparison.Ordinal);
        Assert.Contains("not JSON", StartJobHandlerTests.AssertProblem(await Handlers.Promote.PromoteAsync(Model, "application/json", JobHandlers.Body("{\"version\":"), default), 400)["body"], StringComparison.Ordinal);
        StartJobHandlerTests.AssertProblem(await Handlers.Promote.PromoteAsync(Model, "text/plain", JobHandlers.Body(new { version = "v1" }), default), 415);
        StartJobHandlerTests.AssertProblem(await Handlers.Promote.PromoteAsync("..", "application/json", JobHandlers.Body(new { version = "v1" }), default), 400);
        Assert.Null(await CurrentModelStore.ReadAsync(Storage.Containers.Models.GetBlobClient(ModelBlobs.Current(Model))));
    }

    [Fact]
    public async Task PromoteAsync_UnreadableEvaluation_Returns409NamingTheBlob()
    {
        await TrainedPackagesFixture.UploadAsync(Storage.Containers.Models, packages.Sentiment, Model, "v1");
        await Storage.Containers.Models.GetBlobClient($"{Model}/v1/{PipelineBlobs.EvaluationFile}").UploadAsync(BinaryData.FromString("{\"jobId\": 3}"));

        var result = await PromoteAsync(new { version = "v1" });

        StartJobHandlerTests.AssertProblem(result, 409);
        Assert.Contains("sentiment/v1/evaluation.json", result.ParseBody().GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private Task<Platform.Pipeline.Handlers.HandlerResult> PromoteAsync(object body) =>
        Handlers.Promote.PromoteAsync(Model, "application/json", JobHandlers.Body(body), default);

    private async Task<CurrentModelDocument> CurrentAsync() =>
        (await CurrentModelStore.ReadAsync(Storage.Containers.Models.GetBlobClient(ModelBlobs.Current(Model))))!;

    private Task PublishAsync(string version, double macroF1) =>
        TrainedPackagesFixture.PublishAsync(Storage.Containers.Models, packages.Sentiment, Model, version, macroF1);
}
