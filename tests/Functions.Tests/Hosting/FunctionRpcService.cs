using System.Threading.Channels;
using Grpc.Core;
using Platform.Functions.Tests.Protocol;

namespace Platform.Functions.Tests.Hosting;

/// <summary>The host's FunctionRpc service: each worker's EventStream call is handed to the test as a <see cref="WorkerConnection"/>.</summary>
internal sealed class FunctionRpcService(Channel<WorkerConnection> connections) : FunctionRpc.FunctionRpcBase
{
    public override async Task EventStream(
        IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context)
    {
        var connection = new WorkerConnection(requestStream, responseStream);
        await connections.Writer.WriteAsync(connection, context.CancellationToken);

        // Returning would end the stream; the worker shuts down when its host goes away.
        await Task.WhenAny(connection.Closed, Task.Delay(Timeout.Infinite, context.CancellationToken));
    }
}
