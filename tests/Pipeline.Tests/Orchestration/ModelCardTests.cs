using System.Text.Json;
using Platform.Modeling.Evaluation;
using Platform.Pipeline.Activities;
using Platform.Pipeline.Orchestration;

namespace Platform.Pipeline.Tests.Orchestration;

/// <summary>The card says what was chosen for the run and which stock classes can load the package.</summary>
public sealed class ModelCardTests
{
    private static readonly PublishModelInput Input = new(
        "m-0123456789ab", "m", "v1", "minilm-l6", new MetricsSummary(MetricsSummary.SingleLabel, 10, 0.9, 0.9, 0.9, Accuracy: 0.9),
        new PromotionGate(), new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

    [Fact]
    public void Render_MeanPooling_SaysNoStockClassifierComputesItsHead()
    {
        var training = Training("mean", "all-MiniLM-L6-v2 is a <sentence-transformers> encoder");

        var markdown = ModelCard.Render(Input, training);
        var html = ModelCardHtml.Render(Input, training, evaluation: null);

        Assert.Contains("| pooling | mean | all-MiniLM-L6-v2 is a <sentence-transformers> encoder |", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("loads with Hugging Face `transformers` as `BertForSequenceClassification`", markdown, StringComparison.Ordinal);
        Assert.Contains("`BertModel` loads the encoder", markdown, StringComparison.Ordinal);
        Assert.Contains("<code>BertModel</code> loads the encoder", html, StringComparison.Ordinal);
        Assert.Contains("&lt;sentence-transformers&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ClsPoolingOrAnOlderPackage_LoadsAsBertForSequenceClassification()
    {
        Assert.Contains("as `BertForSequenceClassification`", ModelCard.Render(Input, Training("cls", "set by the pooling option")), StringComparison.Ordinal);
        Assert.Contains("as `BertForSequenceClassification`", ModelCard.Render(Input), StringComparison.Ordinal);
        Assert.Contains("as <code>BertForSequenceClassification</code>", ModelCardHtml.Render(Input, training: null, evaluation: null), StringComparison.Ordinal);
    }

    private static JsonElement Training(string pooling, string reason) =>
        JsonDocument.Parse(JsonSerializer.Serialize(new { choices = new[] { new { setting = "pooling", value = pooling, reason } } })).RootElement.Clone();
}
