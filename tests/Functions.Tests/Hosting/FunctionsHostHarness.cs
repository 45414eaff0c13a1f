using System.Net;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Functions.Tests.Protocol;
using Xunit.Sdk;
using Content = Platform.Functions.Tests.Protocol.StreamingMessage.ContentOneofCase;

namespace Platform.Functions.Tests.Hosting;

/// <summary>
/// The Functions host's side of the worker protocol: a gRPC server on a free loopback port that a worker
/// connects to, and the start-up exchange the host has with it (init, then worker indexing).
/// </summary>
internal sealed class FunctionsHostHarness : IAsyncDisposable
{
    /// <summary>Bounds each step of the exchange: a cold worker on a busy machine needs seconds, a broken one never answers.</summary>
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(90);

    /// <summary>How long a worker whose stream broke gets to exit, so that its exit code and last output make the report.</summary>
    private static readonly TimeSpan ExitGrace = TimeSpan.FromSeconds(10);

    // A Functions host v4 version, as the host reports itself; the .NET worker reads none of it.
    private const string HostVersion = "4.1040.0";

    private readonly WebApplication app;
    private readonly Channel<WorkerConnection> connections;
    private readonly List<WorkerConnection> accepted = [];

    private FunctionsHostHarness(WebApplication app, Channel<WorkerConnection> connections, Uri endpoint)
    {
        this.app = app;
        this.connections = connections;
        Endpoint = endpoint;
    }

    /// <summary>The address the worker is given with --functions-uri.</summary>
    public Uri Endpoint { get; }

    public static async Task<FunctionsHostHarness> StartAsync()
    {
        var connections = Channel.CreateUnbounded<WorkerConnection>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        // The worker's gRPC client speaks HTTP/2 with prior knowledge on http://, as it does with the real host.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(grpc => grpc.MaxReceiveMessageSize = null);
        builder.Services.AddSingleton(connections);
        var app = builder.Build();
        app.MapGrpcService<FunctionRpcService>();
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new FunctionsHostHarness(app, connections, new Uri(address));
    }

    /// <summary>
    /// Plays the host's start-up exchange with <paramref name="worker"/>: waits for its StartStream, sends
    /// WorkerInitRequest and FunctionsMetadataRequest, then a WorkerStatusRequest to see it still serving.
    /// Fails with the worker's output when it exits, ends the stream or stays silent instead.
    /// </summary>
    public async Task<WorkerStartup> StartWorkerAsync(WorkerProcess worker)
    {
        var connection = await StepAsync(worker, null, "connect to the host", token => connections.Reader.ReadAsync(token).AsTask());
        accepted.Add(connection);

        var stream = await StepAsync(worker, connection, "open the event stream with StartStream", token => connection.ReceiveAsync(Content.StartStream, token));

        var init = new WorkerInitRequest { HostVersion = HostVersion, WorkerDirectory = worker.AppFolder, FunctionAppDirectory = worker.AppFolder };
        var initialized = await StepAsync(worker, connection, "answer WorkerInitRequest",
            token => connection.RequestAsync(new StreamingMessage { WorkerInitRequest = init }, Content.WorkerInitResponse, token));

        var indexing = new FunctionsMetadataRequest { FunctionAppDirectory = worker.AppFolder };
        var indexed = await StepAsync(worker, connection, "answer FunctionsMetadataRequest",
            token => connection.RequestAsync(new StreamingMessage { FunctionsMetadataRequest = indexing }, Content.FunctionMetadataResponse, token));

        await StepAsync(worker, connection, "answer WorkerStatusRequest after indexing",
            token => connection.RequestAsync(new StreamingMessage { WorkerStatusRequest = new() }, Content.WorkerStatusResponse, token));

        return new WorkerStartup(stream.StartStream, initialized.WorkerInitResponse, indexed.FunctionMetadataResponse, connection.Logs);
    }

    /// <summary>The worker's output and the logs it sent over gRPC, for assertion messages.</summary>
    public static string Describe(WorkerProcess worker, IReadOnlyCollection<RpcLog> logs)
    {
        var text = new StringBuilder();
        text.AppendLine("--- worker output ---").Append(worker.Output);
        text.AppendLine("--- worker logs sent to the host ---");
        foreach (var log in logs)
        {
            text.AppendLine($"{log.Level} {log.Category}: {log.Message}");
            if (log.Exception is { } exception)
            {
                text.AppendLine($"  {exception.Message}").AppendLine(exception.StackTrace);
            }
        }

        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in accepted)
        {
            connection.Close();
        }

        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static async Task<T> StepAsync<T>(WorkerProcess worker, WorkerConnection? connection, string step, Func<CancellationToken, Task<T>> action)
    {
        using var timeout = new CancellationTokenSource(StepTimeout);
        var work = action(timeout.Token);
        var first = await Task.WhenAny(work, worker.Exited);
        if (first == work && work.IsCompletedSuccessfully && !worker.HasExited)
        {
            return work.Result;
        }

        string reason;
        if (first == work && work.IsCanceled)
        {
            reason = $"no answer within {StepTimeout.TotalSeconds:0} s";
        }
        else
        {
            if (first == work)
            {
                await Task.WhenAny(worker.Exited, Task.Delay(ExitGrace, CancellationToken.None));
            }

            reason = string.Join("; ", new[]
            {
                work.Exception?.GetBaseException().Message,
                worker.HasExited ? $"the process exited with code {worker.ExitCode}" : null,
            }.Where(part => part is not null));
        }

        await timeout.CancelAsync();
        throw new XunitException($"The worker did not {step}: {reason}.{Environment.NewLine}{Describe(worker, connection?.Logs ?? [])}");
    }
}
