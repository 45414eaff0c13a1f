using Platform.Modeling.Serving;

namespace Platform.Modeling.Tests.Serving;

public sealed class MicroBatcherTests
{
    [Fact]
    public async Task RunAsync_RequestsArrivingDuringAPass_AreScoredTogetherInTheNextOne()
    {
        using var firstPassRunning = new ManualResetEventSlim();
        using var releaseFirstPass = new ManualResetEventSlim();
        var passes = new List<int[]>();
        await using var batcher = new MicroBatcher<int, int>(inputs =>
        {
            lock (passes)
            {
                passes.Add([.. inputs]);
            }

            if (passes.Count == 1)
            {
                firstPassRunning.Set();
                releaseFirstPass.Wait();
            }

            return [.. inputs.Select(x => x * 10)];
        });

        var first = batcher.RunAsync([1]);
        firstPassRunning.Wait();
        // Queued while the first pass runs (each write completes before RunAsync returns its task).
        var second = batcher.RunAsync([2, 3]);
        var third = batcher.RunAsync([4]);
        var fourth = batcher.RunAsync([5, 6, 7]);
        releaseFirstPass.Set();

        Assert.Equal([10], await first);
        Assert.Equal([20, 30], await second);
        Assert.Equal([40], await third);
        Assert.Equal([50, 60, 70], await fourth);
        Assert.Equal(2, batcher.Calls);
        Assert.Equal([2, 3, 4, 5, 6, 7], passes[1]);
    }

    [Fact]
    public async Task RunAsync_ManyConcurrentCallers_EachGetsItsOwnResultsInOrder()
    {
        await using var batcher = new MicroBatcher<int, int>(inputs => [.. inputs.Select(x => x + 1)], maxItems: 16);

        var calls = Enumerable.Range(0, 200).Select(i => Task.Run(() => batcher.RunAsync([i * 3, (i * 3) + 1, (i * 3) + 2]))).ToArray();
        var results = await Task.WhenAll(calls);

        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal([(i * 3) + 1, (i * 3) + 2, (i * 3) + 3], results[i]);
        }

        Assert.InRange(batcher.Calls, 1, 200);
    }

    [Fact]
    public async Task RunAsync_RequestLargerThanTheCap_RunsAloneAndWhole()
    {
        var sizes = new List<int>();
        await using var batcher = new MicroBatcher<int, int>(inputs =>
        {
            lock (sizes)
            {
                sizes.Add(inputs.Count);
            }

            return inputs;
        }, maxItems: 4);

        var result = await batcher.RunAsync([.. Enumerable.Range(0, 10)]);

        Assert.Equal(Enumerable.Range(0, 10), result);
        Assert.Equal([10], sizes);
    }

    [Fact]
    public async Task RunAsync_BatchFunctionThrows_FailsThatPassOnlyAndKeepsServing()
    {
        await using var batcher = new MicroBatcher<int, int>(inputs => inputs.Contains(-1) ? throw new InvalidDataException("bad input") : inputs);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => batcher.RunAsync([-1]));
        Assert.Equal("bad input", error.Message);
        Assert.Equal([7], await batcher.RunAsync([7]));
    }

    [Fact]
    public async Task RunAsync_Empty_ReturnsEmptyWithoutAPass()
    {
        await using var batcher = new MicroBatcher<int, int>(inputs => inputs);

        Assert.Empty(await batcher.RunAsync([]));
        Assert.Equal(0, batcher.Calls);
    }

    [Fact]
    public async Task RunAsync_WithConcurrencyTwo_ARequestRunsWhileAnotherPassIsStillRunning()
    {
        using var firstPassRunning = new ManualResetEventSlim();
        using var secondPassRan = new ManualResetEventSlim();
        var firstPassSawTheSecond = false;
        await using var batcher = new MicroBatcher<int, int>(
            inputs =>
            {
                if (inputs[0] == 1)
                {
                    firstPassRunning.Set();
                    // With one loop the second request could only run after this pass: the wait would time out.
                    firstPassSawTheSecond = secondPassRan.Wait(TimeSpan.FromSeconds(30));
                }
                else
                {
                    secondPassRan.Set();
                }

                return inputs;
            },
            concurrency: 2);

        var first = batcher.RunAsync([1]);
        firstPassRunning.Wait();
        var second = batcher.RunAsync([2]);

        Assert.Equal([2], await second);
        Assert.Equal([1], await first);
        Assert.True(firstPassSawTheSecond);
        Assert.Equal(2, batcher.Calls);
    }
}
