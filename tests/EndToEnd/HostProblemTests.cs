using System.Net;
using System.Text.Json;

namespace Platform.EndToEnd;

/// <summary>What DevHost answers by itself, outside every function: problem+json, never an empty body.</summary>
public sealed class HostProblemTests(PlatformWithoutRunner platform) : IClassFixture<PlatformWithoutRunner>
{
    [Theory]
    [InlineData("GET", "/api/nothing-here", 404)]
    [InlineData("GET", "/", 404)]
    [InlineData("DELETE", "/api/jobs", 405)]
    [InlineData("GET", "/api/models/reviews/predict", 405)]
    [InlineData("PUT", "/api/models", 405)]
    public async Task Request_NoRouteOrWrongMethod_AnswersProblemJson(string method, string path, int status)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        using var response = await platform.Http.SendAsync(request);

        Assert.Equal((HttpStatusCode)status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.Contains($"{method} {path}", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Predict_PlainTextBody_Answers415ProblemJson()
    {
        using var response = await platform.Http.PostAsync(new Uri("/api/models/reviews/predict", UriKind.Relative), new StringContent("a great film"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
