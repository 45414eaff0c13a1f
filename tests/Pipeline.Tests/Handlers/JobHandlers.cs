using System.Text;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Platform.Pipeline.Handlers;
using Platform.Pipeline.Handlers.Jobs;
using Platform.Pipeline.Handlers.Uploads;
using Platform.Pipeline.Orchestration;

namespace Platform.Pipeline.Tests.Handlers;

/// <summary>The job handlers wired to a test's containers and the shared Durable Task client.</summary>
public sealed class JobHandlers(DurableTaskClient client, HandlerContainers containers)
{
    private readonly JobStatusReader _reader = new(containers, NullLogger<JobStatusReader>.Instance);

    public DurableTaskClient Client => client;

    public HandlerContainers Containers => containers;

    public StartJobHandler Start => StartWith(new PipelineOptions());

    /// <summary>A start handler whose pipeline configuration (job defaults, watchdog, gate) is <paramref name="pipeline"/>.</summary>
    public StartJobHandler StartWith(PipelineOptions pipeline) =>
        new(containers, _reader, Options.Create(new HandlerOptions()), Options.Create(pipeline), NullLogger<StartJobHandler>.Instance);

    public JobStatusHandler Status => new(_reader);

    public DatasetUploadHandler Upload => new(containers, Start, Options.Create(new PipelineOptions()), NullLogger<DatasetUploadHandler>.Instance);

    public JobListHandler List => new(_reader);

    public CancelJobHandler Cancel => new(containers, _reader, NullLogger<CancelJobHandler>.Instance);

    public static Stream Body(object value) => new MemoryStream(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(value)));

    public static Stream Body(string json) => new MemoryStream(Encoding.UTF8.GetBytes(json));

    public async Task UploadDatasetAsync(string blobName, string? content = null)
    {
        content ??= "text,label\n" + string.Join("\n", Enumerable.Range(0, 30).Select(i => $"text number {i} {Guid.NewGuid():N},{(i % 2 == 0 ? "yes" : "no")}"));
        await containers.Datasets.GetBlobClient(blobName).UploadAsync(BinaryData.FromString(content), overwrite: true);
    }
}
