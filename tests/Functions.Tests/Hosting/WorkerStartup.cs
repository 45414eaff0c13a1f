using Platform.Functions.Tests.Protocol;

namespace Platform.Functions.Tests.Hosting;

/// <summary>What a worker told the host while it started: its StartStream, its init response, the functions it indexed and its logs.</summary>
internal sealed record WorkerStartup(
    StartStream Stream, WorkerInitResponse Init, FunctionMetadataResponse Metadata, IReadOnlyCollection<RpcLog> Logs);
