using System.Text.Json;
using Platform.TestSupport;

namespace Platform.Functions.Tests;

/// <summary>Settings in host.json that other parts of the platform rely on.</summary>
public sealed class HostJsonTests
{
    private static readonly JsonElement Extensions = JsonDocument.Parse(
        File.ReadAllText(Path.Combine(RepositoryRoot.Path, "src", "Functions", "host.json"))).RootElement.GetProperty("extensions");

    [Fact]
    public void Queues_ReadMessagesAsPlainText_AsTheRunnerSendsTrainingEvents()
    {
        // The runner sends TrainingFinished as plain JSON (Storage:EventsMessageEncoding = None); the queue extension's
        // default, base64, would fail to decode every event and move it to the poison queue.
        Assert.Equal("none", Extensions.GetProperty("queues").GetProperty("messageEncoding").GetString());
    }

    [Fact]
    public void DurableTask_TaskHubNameComesFromAppSettings()
    {
        Assert.Equal("%DurableTaskHubName%", Extensions.GetProperty("durableTask").GetProperty("hubName").GetString());
    }
}
