using System.Text.Json;
using Azure.Messaging.ServiceBus;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Modeling.BaseModels;
using Platform.Runner.Hosting;
using Platform.Runner.Messaging;
using Platform.Runner.Storage;
using Platform.Shared.Datasets;
using Platform.Shared.Jobs;
using Platform.Shared.Training;

namespace Platform.GpuJobRunner.Tests.Service;

/// <summary>One test's job: a unique job id, its own Service Bus and events queues, a work folder, and the blobs and messages around them.</summary>
internal sealed class JobScenario(ServiceEnvironment environment) : IAsyncDisposable
{
    public static readonly TrainingOptions Fast = new() { Epochs = 1, MaxSteps = 4, BatchSize = 8, MaxLength = 32, LearningRate = 1e-3, Device = "cpu" };

    /// <summary>As long a run as the options allow (6,400 steps): runs until the test stops it.</summary>
    public static readonly TrainingOptions Endless = Fast with { Epochs = TrainingOptionRules.MaxEpochs, BatchSize = 1, MaxSteps = 0, EarlyStoppingPatience = 0 };

    private readonly string _suffix = Guid.NewGuid().ToString("N")[..12];
    private readonly string _work = Directory.CreateTempSubdirectory("runner-service-").FullName;

    public string JobId => $"runner-test-{_suffix}";

    public string Queue => $"training-jobs-{_suffix}";

    public string EventsQueue => $"training-events-{_suffix}";

    /// <summary>This scenario's own base-models container (created by the tests that need it, deleted at the end).</summary>
    public BlobContainerClient BaseModels { get; } = new BlobServiceClient(ServiceEnvironment.StorageConnectionString).GetBlobContainerClient($"base-models-{Guid.NewGuid().ToString("N")[..12]}");

    public QueueClient Events => new(ServiceEnvironment.StorageConnectionString, EventsQueue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });

    public Dictionary<string, string?> Settings() => new()
    {
        ["ServiceBus:ConnectionString"] = environment.ServiceBusConnectionString,
        ["ServiceBus:QueueName"] = Queue,
        ["Storage:ConnectionString"] = ServiceEnvironment.StorageConnectionString,
        ["Storage:EventsQueue"] = EventsQueue,
        ["Storage:BaseModelsContainer"] = BaseModels.Name,
        ["Runner:WorkFolder"] = _work,
        ["Runner:Device"] = "cpu",
        ["Runner:HeartbeatInterval"] = "00:00:00.500",
        ["Runner:CancelPollInterval"] = "00:00:00.200",
        ["Runner:OnceWaitTime"] = "00:00:05",
    };

    public IHost BuildHost(bool once = false, Action<IServiceCollection>? services = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = Settings();
        foreach (var (name, value) in settings ?? new Dictionary<string, string?>())
        {
            all[name] = value;
        }

        return RunnerHost.Build(once, all, builder => services?.Invoke(builder.Services));
    }

    public TrainingJobRequested Job(TrainingOptions? training = null, string baseModel = BaseModelResolver.TinyRandom, int attempt = 1) =>
        new(JobId, attempt, "reviews", baseModel, training ?? Fast, new DatasetOptions(), DateTimeOffset.UtcNow);

    public async Task UploadSplitsAsync(string? trainOverride = null)
    {
        static IEnumerable<LabeledExample> Rows(int from, int count) => Enumerable.Range(from, count).Select(i => i % 2 == 0
            ? new LabeledExample($"a truly great film number {i}", ["positive"], i + 2)
            : new LabeledExample($"an awful boring film number {i}", ["negative"], i + 2));
        await UploadSplitAsync(SplitNames.Validation, Rows(100, 10));
        await UploadSplitAsync(SplitNames.Test, Rows(200, 10));
        if (trainOverride is null)
        {
            await UploadSplitAsync(SplitNames.Train, Rows(0, 64));
        }
        else
        {
            await environment.Jobs.GetBlobClient(JobBlobs.Split(JobId, SplitNames.Train)).UploadAsync(BinaryData.FromString(trainOverride), overwrite: true);
        }
    }

    public async Task UploadSplitAsync(string split, IEnumerable<LabeledExample> examples)
    {
        using var buffer = new MemoryStream();
        ExampleJsonl.Write(buffer, examples);
        buffer.Position = 0;
        await environment.Jobs.GetBlobClient(JobBlobs.Split(JobId, split)).UploadAsync(buffer, overwrite: true);
    }

    public async Task SendAsync(TrainingJobRequested job, IReadOnlyDictionary<string, object>? properties = null) =>
        await SendAsync(JsonSerializer.Serialize(job, WireJson.Options), job.MessageId, properties);

    public async Task SendAsync(string body, string? messageId = null, IReadOnlyDictionary<string, object>? properties = null)
    {
        await using var sender = environment.ServiceBus.CreateSender(Queue);
        var message = new ServiceBusMessage(body) { MessageId = messageId ?? Guid.NewGuid().ToString("N"), ContentType = "application/json" };
        foreach (var (name, value) in properties ?? new Dictionary<string, object>())
        {
            message.ApplicationProperties[name] = value;
        }

        await sender.SendMessageAsync(message);
    }

    /// <summary>The next TrainingFinished on the events queue (removed from it), or a failure after <paramref name="timeout"/>.</summary>
    public async Task<TrainingFinished> NextEventAsync(TimeSpan timeout)
    {
        var events = Events;
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await events.ExistsAsync() && (await events.ReceiveMessageAsync()).Value is { } message)
            {
                await events.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                return message.Body.ToObjectFromJson<TrainingFinished>(WireJson.Options)!;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"No event for job {JobId} on {EventsQueue} within {timeout}.");
    }

    public Task<JobStatusDocument?> StatusAsync() => ReadAsync<JobStatusDocument>(JobBlobs.Status(JobId));

    public Task<JobResultDocument?> ResultAsync() => ReadAsync<JobResultDocument>(JobBlobs.Result(JobId));

    public Task<CheckpointPointer?> CheckpointPointerAsync() => ReadAsync<CheckpointPointer>(JobBlobs.CheckpointPrefix(JobId) + "latest.json");

    public async Task<ServiceBusReceivedMessage?> DeadLetterAsync()
    {
        await using var receiver = environment.ServiceBus.CreateReceiver(Queue, new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        return await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(5));
    }

    public async Task<ServiceBusReceivedMessage?> PeekAsync(SubQueue subQueue = SubQueue.None)
    {
        await using var receiver = environment.ServiceBus.CreateReceiver(Queue, new ServiceBusReceiverOptions { SubQueue = subQueue });
        return await receiver.PeekMessageAsync();
    }

    public async Task<List<string>> BlobNamesAsync(string prefix)
    {
        var names = new List<string>();
        await foreach (var blob in environment.Jobs.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, CancellationToken.None))
        {
            names.Add(blob.Name);
        }

        return names;
    }

    public async Task<string> DownloadPackageAsync()
    {
        var prefix = JobBlobs.ModelPrefix(JobId);
        var local = Path.Combine(_work, "downloaded-model");
        foreach (var name in await BlobNamesAsync(prefix))
        {
            var path = Path.Combine(local, name[prefix.Length..]);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await environment.Jobs.GetBlobClient(name).DownloadToAsync(path);
        }

        return local;
    }

    public async Task PutBlobAsync<T>(string name, T value) =>
        await environment.Jobs.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(value, WireJson.Options)), overwrite: true);

    public async ValueTask DisposeAsync()
    {
        foreach (var name in await BlobNamesAsync(JobId + "/"))
        {
            await environment.Jobs.DeleteBlobIfExistsAsync(name);
        }

        await Events.DeleteIfExistsAsync();
        await BaseModels.DeleteIfExistsAsync();
        Directory.Delete(_work, recursive: true);
    }

    private async Task<T?> ReadAsync<T>(string name)
        where T : class
    {
        var blob = environment.Jobs.GetBlobClient(name);
        return await blob.ExistsAsync() ? (await blob.DownloadContentAsync()).Value.Content.ToObjectFromJson<T>(WireJson.Options) : null;
    }
}
