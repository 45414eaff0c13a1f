using System.Collections.Concurrent;
using Grpc.Core;
using Platform.Functions.Tests.Protocol;

namespace Platform.Functions.Tests.Hosting;

/// <summary>One worker's event stream as the host sees it: requests go out, responses and the worker's logs come in.</summary>
internal sealed class WorkerConnection(IAsyncStreamReader<StreamingMessage> fromWorker, IServerStreamWriter<StreamingMessage> toWorker)
{
    private readonly TaskCompletionSource closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<RpcLog> logs = new();

    /// <summary>Completes when the host is done with the worker; the gRPC call stays open until then.</summary>
    public Task Closed => closed.Task;

    /// <summary>The logs the worker sent over the stream so far.</summary>
    public IReadOnlyCollection<RpcLog> Logs => logs;

    /// <summary>Waits for the next message of the given kind, keeping the worker's logs and skipping anything else.</summary>
    public async Task<StreamingMessage> ReceiveAsync(StreamingMessage.ContentOneofCase content, CancellationToken cancellationToken)
    {
        while (await fromWorker.MoveNext(cancellationToken))
        {
            var message = fromWorker.Current;
            if (message.ContentCase == content)
            {
                return message;
            }

            if (message.ContentCase == StreamingMessage.ContentOneofCase.RpcLog)
            {
                logs.Enqueue(message.RpcLog);
            }
        }

        throw new EndOfStreamException($"The worker ended the event stream before it sent {content}.");
    }

    /// <summary>Sends a request with a fresh request id and waits for the worker's answer to it.</summary>
    public async Task<StreamingMessage> RequestAsync(StreamingMessage request, StreamingMessage.ContentOneofCase response, CancellationToken cancellationToken)
    {
        request.RequestId = Guid.NewGuid().ToString();
        await toWorker.WriteAsync(request, cancellationToken);
        var answer = await ReceiveAsync(response, cancellationToken);
        return answer.RequestId == request.RequestId
            ? answer
            : throw new InvalidDataException($"The worker answered request {request.RequestId} with request id {answer.RequestId}.");
    }

    public void Close() => closed.TrySetResult();
}
