using System.Threading.Channels;

namespace Platform.Modeling.Serving;

/// <summary>
/// Coalesces concurrent requests into one call of a batch function: requests queue (bounded: a full queue makes callers
/// wait), and one loop runs everything queued, up to <c>maxItems</c> items, in a single call, then hands each request its
/// slice of the results. No timer: when a loop is idle a request runs at once, alone; while a call runs, the requests
/// that arrive meanwhile form the next one. So a quiet predictor adds no latency and a busy one batches by itself.
/// With <c>concurrency</c> above one, that many loops take from the same queue, so that many calls run at once.
/// </summary>
public sealed class MicroBatcher<TIn, TOut> : IAsyncDisposable
{
    private readonly Func<IReadOnlyList<TIn>, IReadOnlyList<TOut>> _run;
    private readonly int _maxItems;
    private readonly Channel<Pending> _queue;
    private readonly Task _loop;
    private long _calls;

    /// <param name="run">Computes one result per input, in order; called from at most <paramref name="concurrency"/> threads at a time.</param>
    /// <param name="maxItems">Most inputs per call (a single larger request still runs, alone).</param>
    /// <param name="capacity">Most requests waiting; beyond it callers wait for room.</param>
    /// <param name="concurrency">Calls that may run at once.</param>
    public MicroBatcher(Func<IReadOnlyList<TIn>, IReadOnlyList<TOut>> run, int maxItems = 256, int capacity = 4096, int concurrency = 1)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxItems, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        _run = run;
        _maxItems = maxItems;
        _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(capacity) { SingleReader = concurrency == 1, FullMode = BoundedChannelFullMode.Wait });
        _loop = Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(LoopAsync)));
    }

    /// <summary>How many calls of the batch function have been made (for logs and tests).</summary>
    public long Calls => Interlocked.Read(ref _calls);

    public async Task<IReadOnlyList<TOut>> RunAsync(IReadOnlyList<TIn> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            return [];
        }

        var pending = new Pending(items, new TaskCompletionSource<IReadOnlyList<TOut>>(TaskCreationOptions.RunContinuationsAsynchronously));
        await _queue.Writer.WriteAsync(pending, cancellationToken).ConfigureAwait(false);
        return await pending.Done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops taking requests; those queued still run.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task LoopAsync()
    {
        var batch = new List<Pending>();
        Pending? carried = null;
        while (carried is not null || await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            var count = 0;
            if (carried is not null)
            {
                batch.Add(carried);
                count = carried.Items.Count;
                carried = null;
            }

            while (count < _maxItems && _queue.Reader.TryRead(out var next))
            {
                if (count > 0 && count + next.Items.Count > _maxItems)
                {
                    carried = next;
                    break;
                }

                batch.Add(next);
                count += next.Items.Count;
            }

            if (batch.Count > 0)
            {
                Run(batch, count);
            }
        }
    }

    private void Run(List<Pending> batch, int count)
    {
        Interlocked.Increment(ref _calls);
        try
        {
            var inputs = new List<TIn>(count);
            foreach (var pending in batch)
            {
                inputs.AddRange(pending.Items);
            }

            var outputs = _run(inputs);
            if (outputs.Count != inputs.Count)
            {
                throw new InvalidOperationException($"The batch function returned {outputs.Count} results for {inputs.Count} inputs.");
            }

            var offset = 0;
            foreach (var pending in batch)
            {
                var slice = new TOut[pending.Items.Count];
                for (var i = 0; i < slice.Length; i++)
                {
                    slice[i] = outputs[offset + i];
                }

                offset += slice.Length;
                pending.Done.TrySetResult(slice);
            }
        }
        catch (Exception ex)
        {
            foreach (var pending in batch)
            {
                pending.Done.TrySetException(ex);
            }
        }
    }

    private sealed record Pending(IReadOnlyList<TIn> Items, TaskCompletionSource<IReadOnlyList<TOut>> Done);
}
