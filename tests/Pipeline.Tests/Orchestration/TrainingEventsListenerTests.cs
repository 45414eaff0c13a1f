using Platform.Pipeline.Orchestration;
using Platform.Shared.Jobs;

namespace Platform.Pipeline.Tests.Orchestration;

[Collection(PipelineCollection.Name)]
public sealed class TrainingEventsListenerTests(PipelineFixture fixture)
{
    [Fact]
    public async Task PollOnceAsync_MessageReceivedTooOften_DeletesIt()
    {
        await fixture.EnsureStorageAsync();
        var queue = fixture.Storage.TrainingEvents;
        await queue.ClearMessagesAsync();
        await fixture.EnqueueFinishedAsync(new TrainingFinished("no-such-job", 1, TrainingOutcome.Succeeded));
        // Received once and abandoned, as by a handler that crashed; with a limit of one receive the next one is poison.
        Assert.NotNull((await queue.ReceiveMessageAsync(TimeSpan.FromSeconds(1))).Value);
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        Assert.Equal(1, await fixture.Listener(maxDequeueCount: 1).PollOnceAsync());

        Assert.Empty((await queue.PeekMessagesAsync(10)).Value);
    }

    [Fact]
    public async Task PollOnceAsync_UnreadableMessage_DeletesIt()
    {
        await fixture.EnsureStorageAsync();
        var queue = fixture.Storage.TrainingEvents;
        await queue.ClearMessagesAsync();
        await queue.SendMessageAsync("this is not an event");

        Assert.Equal(1, await fixture.Listener().PollOnceAsync());

        Assert.Empty((await queue.PeekMessagesAsync(10)).Value);
    }
}
