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

    [Fact]
    public void Render_LossEveryFewSteps_DrawsTheCurveAndBarsEachClassF1()
    {
        var training = JsonDocument.Parse(JsonSerializer.Serialize(new
        {
            history = new[] { new { step = 40, epoch = 1, trainLoss = 0.5, macroF1 = 0.8, accuracy = 0.8 } },
            losses = Enumerable.Range(1, 40).Select(s => new { step = s, value = 1.0 / s }).ToArray(),
        })).RootElement.Clone();
        var evaluation = JsonDocument.Parse(JsonSerializer.Serialize(new
        {
            report = new { perClass = new[] { new { label = "pos", precision = 0.9, recall = 0.8, f1 = 0.847, support = 5 }, new { label = "neg", precision = 0.5, recall = 0.25, f1 = 0.333, support = 4 } } },
        })).RootElement.Clone();

        var html = ModelCardHtml.Render(Input, training, evaluation);
        var olderPackage = ModelCardHtml.Render(Input, JsonDocument.Parse("{\"history\":[{\"step\":40,\"epoch\":1,\"trainLoss\":0.5,\"macroF1\":0.8,\"accuracy\":0.8}]}").RootElement, evaluation);

        Assert.Contains("<img alt=\"Training curve\" src=\"data:image/png;base64,", html, StringComparison.Ordinal);
        Assert.Contains("<img alt=\"Training curve\"", olderPackage, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"F1 0.847\" style=\"width:84.7%\"", html, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"F1 0.333\" style=\"width:33.3%\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(90, 90, true)]
    [InlineData(46, 90, true)]
    [InlineData(45, 90, false)]
    [InlineData(0, 90, false)]
    [InlineData(0, 0, false)]
    public void ConfusionMatrix_CountsOnDarkCells_AreWrittenInWhite(int count, int largest, bool white)
    {
        Assert.Equal(white, CardCharts.OnDarkCell(count, largest));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], CardCharts.ConfusionMatrix(["a", "b"], [[largest, count], [1, 0]]).Take(4));
    }

    private static JsonElement Training(string pooling, string reason) =>
        JsonDocument.Parse(JsonSerializer.Serialize(new { choices = new[] { new { setting = "pooling", value = pooling, reason } } })).RootElement.Clone();
}
