using System.Text.Json;
using Platform.Shared.Jobs;

namespace Platform.Shared.Tests.Jobs;

public sealed class CurrentModelDocumentTests
{
    private static readonly CurrentModelDocument Document = new(
        "reviews", "0123456789ab", "reviews-0123456789ab", 0.87, new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
        JsonSerializer.SerializeToElement(new { task = "single-label", count = 40, macroF1 = 0.87, accuracy = 0.9 }));

    [Fact]
    public void ToUtf8JsonThenParse_GivesTheSameDocument()
    {
        var parsed = CurrentModelDocument.Parse(Document.ToUtf8Json(), "models/reviews/current.json");

        Assert.Equal(Document with { Metrics = null }, parsed with { Metrics = null });
        Assert.Equal(Document.Metrics!.Value.GetRawText(), parsed.Metrics!.Value.GetRawText());
    }

    [Fact]
    public void Parse_WithoutMetrics_IsValid()
    {
        var parsed = CurrentModelDocument.Parse(
            """{"model":"reviews","version":"v1","jobId":"reviews-0123456789ab","macroF1":0.87,"promotedAt":"2026-01-02T03:04:05+00:00"}"""u8,
            "models/reviews/current.json");

        Assert.Equal(new CurrentModelDocument("reviews", "v1", "reviews-0123456789ab", 0.87, new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero)), parsed);
    }

    [Fact]
    public void ToUtf8Json_IsCamelCaseWithoutNulls()
    {
        var json = System.Text.Encoding.UTF8.GetString((Document with { Metrics = null }).ToUtf8Json());

        Assert.Equal("""{"model":"reviews","version":"0123456789ab","jobId":"reviews-0123456789ab","macroF1":0.87,"promotedAt":"2026-01-02T03:04:05+00:00"}""", json);
    }

    [Theory]
    [InlineData("""{"model":"reviews","jobId":"reviews-0123456789ab","macroF1":0.87,"promotedAt":"2026-01-02T03:04:05+00:00"}""")]
    [InlineData("""{"model":"reviews","version":null,"jobId":"reviews-0123456789ab","macroF1":0.87,"promotedAt":"2026-01-02T03:04:05+00:00"}""")]
    [InlineData("""{"model":"reviews","version":"v1","jobId":"reviews-0123456789ab","promotedAt":"2026-01-02T03:04:05+00:00"}""")]
    [InlineData("""{"model":"reviews","version":"v1","jobId":"reviews-0123456789ab","macroF1":"high","promotedAt":"2026-01-02T03:04:05+00:00"}""")]
    [InlineData("""{"version":"v1"}""")]
    [InlineData("""["v1"]""")]
    [InlineData("""{"model":"reviews","version":"v1",""")]
    [InlineData("null")]
    public void Parse_IncompleteOrMalformed_ThrowsNamingTheBlob(string json)
    {
        var error = Assert.Throws<InvalidDataException>(() => CurrentModelDocument.Parse(System.Text.Encoding.UTF8.GetBytes(json), "models/reviews/current.json"));

        Assert.StartsWith("models/reviews/current.json ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EmptyVersion_Throws()
    {
        var json = (Document with { Version = " " }).ToUtf8Json();

        var error = Assert.Throws<InvalidDataException>(() => CurrentModelDocument.Parse(json, "models/reviews/current.json"));

        Assert.Contains("'version'", error.Message, StringComparison.Ordinal);
    }
}
