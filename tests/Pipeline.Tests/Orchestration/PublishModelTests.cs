using Platform.Modeling.Evaluation;
using Platform.Pipeline.Activities;
using Platform.Pipeline.Orchestration;
using Platform.Shared.Jobs;

namespace Platform.Pipeline.Tests.Orchestration;

[Collection(PipelineCollection.Name)]
public sealed class PublishModelTests(PipelineFixture fixture)
{
    private static readonly DateTimeOffset PublishedAt = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public async Task RunAsync_WorseThanCurrentBeyondTolerance_KeepsCurrent()
    {
        var model = PipelineFixture.NewModelName();
        var gate = new PromotionGate { MaxRegression = 0.05 };
        var good = await PublishAsync(model, "good", 0.90, gate);
        var worse = await PublishAsync(model, "worse", 0.80, gate);

        Assert.True(good.Promoted);
        Assert.False(worse.Promoted);
        Assert.Contains("below the current version good", worse.Reason, StringComparison.Ordinal);
        Assert.Equal("good", (await CurrentAsync(model))?.Version);
        Assert.True(await fixture.Storage.Models.GetBlobClient(ModelBlobs.VersionPrefix(model, "worse") + "model.safetensors").ExistsAsync());
    }

    [Fact]
    public async Task RunAsync_SlightlyWorseWithinTolerance_Promotes()
    {
        var model = PipelineFixture.NewModelName();
        var gate = new PromotionGate { MaxRegression = 0.05 };
        await PublishAsync(model, "first", 0.90, gate);

        var second = await PublishAsync(model, "second", 0.87, gate);

        Assert.True(second.Promoted, second.Reason);
        Assert.Equal("second", (await CurrentAsync(model))?.Version);
    }

    [Fact]
    public async Task RunAsync_BelowMinimumMacroF1_DoesNotCreateCurrent()
    {
        var model = PipelineFixture.NewModelName();

        var result = await PublishAsync(model, "weak", 0.40, new PromotionGate { MinMacroF1 = 0.6 });

        Assert.False(result.Promoted);
        Assert.Contains("below the minimum", result.Reason, StringComparison.Ordinal);
        Assert.Null(await CurrentAsync(model));
    }

    [Fact]
    public async Task RunAsync_TwoVersionsConcurrently_LeaveValidCurrentPointingToOne()
    {
        var model = PipelineFixture.NewModelName();
        var gate = new PromotionGate { MaxRegression = 1 };
        var versions = Enumerable.Range(1, 4).Select(i => $"v{i}").ToArray();

        var results = await Task.WhenAll(versions.Select(v => PublishAsync(model, v, 0.5, gate)));

        Assert.All(results, r => Assert.True(r.Promoted, r.Reason));
        var current = await CurrentAsync(model);
        Assert.NotNull(current);
        Assert.Contains(current.Version, versions);
        Assert.Equal(model, current.Model);
        Assert.True(await fixture.Storage.Models.GetBlobClient(ModelBlobs.VersionPrefix(model, current.Version) + "model.safetensors").ExistsAsync());
    }

    [Fact]
    public async Task RunAsync_Twice_WritesSameBlobsAndKeepsPromotion()
    {
        var model = PipelineFixture.NewModelName();
        var first = await PublishAsync(model, "again", 0.7, new PromotionGate());
        var before = await BlobSnapshot.TakeAsync(fixture.Storage.Models, model + "/");

        var second = await PublishAsync(model, "again", 0.7, new PromotionGate());
        var after = await BlobSnapshot.TakeAsync(fixture.Storage.Models, model + "/");

        Assert.True(first.Promoted);
        Assert.True(second.Promoted);
        Assert.Equal(before, after);
    }

    private async Task<PublishModelResult> PublishAsync(string model, string version, double macroF1, PromotionGate gate)
    {
        await fixture.EnsureStorageAsync();
        var jobId = $"{model}-{version}";
        await fixture.UploadPackageAsync(jobId);
        var metrics = new MetricsSummary(MetricsSummary.SingleLabel, 10, macroF1, macroF1, macroF1, Accuracy: macroF1);
        var input = new PublishModelInput(jobId, model, version, "tiny-random", metrics, gate, PublishedAt);
        return await fixture.Activity<PublishModel>().RunAsync(new TestActivityContext(nameof(PublishModel), jobId), input);
    }

    private Task<CurrentModelDocument?> CurrentAsync(string model) =>
        CurrentModelStore.ReadAsync(fixture.Storage.Models.GetBlobClient(ModelBlobs.Current(model)));
}
