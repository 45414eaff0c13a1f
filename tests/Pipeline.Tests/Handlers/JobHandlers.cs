using System.Text;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Platform.Pipeline.Handlers;
using Platform.Pipeline.Handlers.Jobs;
using Platform.Pipeline.Handlers.Uploads;
using Platform.Pipeline.Notifications;
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
        new(containers, _reader, Options.Create(new HandlerOptions()), Options.Create(pipeline), Options.Create(new NotificationOptions()), NullLogger<StartJobHandler>.Instance);

    public JobStatusHandler Status => new(_reader);

    public DatasetUploadHandler Upload => new(containers, Start, Options.Create(new PipelineOptions()), Options.Create(new NotificationOptions()), NullLogger<DatasetUploadHandler>.Instance);

    /// <summary>The upload routes with the default mode (Stream) and limit.</summary>
    public UploadHandler Uploads => UploadsWith(new UploadOptions());

    /// <summary>The upload routes configured as <paramref name="uploads"/> (mode, size limit, SAS lifetime); a SAS is signed with Azurite's account key.</summary>
    public UploadHandler UploadsWith(UploadOptions uploads)
    {
        var options = Options.Create(new HandlerOptions { Uploads = uploads });
        return new(containers, Start, Upload, new UploadSasIssuer(containers, options, TimeProvider.System), options, TimeProvider.System, NullLogger<UploadHandler>.Instance);
    }

    public JobListHandler List => new(_reader);

    public CancelJobHandler Cancel => new(containers, _reader, NullLogger<CancelJobHandler>.Instance);

    public static Stream Body(object value) => new MemoryStream(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(value)));

    public static Stream Body(string json) => new MemoryStream(Encoding.UTF8.GetBytes(json));

    /// <summary>A small valid training CSV, different on every call (so its job id is new).</summary>
    public static string SampleCsv() =>
        "text,label\n" + string.Join("\n", Enumerable.Range(0, 30).Select(i => $"text number {i} {Guid.NewGuid():N},{(i % 2 == 0 ? "yes" : "no")}"));

    public async Task UploadDatasetAsync(string blobName, string? content = null) =>
        await containers.Datasets.GetBlobClient(blobName).UploadAsync(BinaryData.FromString(content ?? SampleCsv()), overwrite: true);
}
