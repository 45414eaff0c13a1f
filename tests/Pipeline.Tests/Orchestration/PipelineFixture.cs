using System.Text.Json;
using Azure.Messaging.ServiceBus;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Modeling.BaseModels;
using Platform.Modeling.FineTuning;
using Platform.Pipeline.Notifications;
using Platform.Pipeline.Orchestration;
using Platform.Pipeline.Storage;
using Platform.ServiceBusEmulator.Configuration;
using Platform.ServiceBusEmulator.Hosting;
using Platform.Shared.Datasets;
using Platform.Shared.Jobs;
using Platform.Shared.Training;
using Platform.TestSupport;

namespace Platform.Pipeline.Tests.Orchestration;

/// <summary>
/// Real Azurite (containers and queue with a random suffix), the in-process Service Bus emulator with a duplicate-detecting
/// <c>training-jobs</c> queue, the Durable Task in-memory host with the pipeline registered through <c>AddPipeline</c>,
/// and a tiny model package trained once.
/// </summary>
public sealed class PipelineFixture : IAsyncLifetime
{
    private const string BrokerConfig = """
        { "UserConfig": { "Namespaces": [ { "Name": "sbemulatorns", "Queues": [
          { "Name": "training-jobs", "Properties": { "LockDuration": "PT30S", "RequiresDuplicateDetection": true, "DuplicateDetectionHistoryTimeWindow": "PT10M" } }
        ] } ], "Logging": { "Type": "Console" } } }
        """;

    private readonly string _suffix = Guid.NewGuid().ToString("N")[..8];
    private readonly string _temp = Path.Combine(Path.GetTempPath(), "pipeline-tests-" + Guid.NewGuid().ToString("N")[..8]);
    private ServiceBusEmulatorHost? _bus;

    public DurableTaskTestHost Host { get; private set; } = null!;

    public PipelineStorage Storage { get; private set; } = null!;

    public PipelineOptions Options { get; private set; } = null!;

    public ServiceBusClient ServiceBus { get; private set; } = null!;

    /// <summary>A real package (tiny random BERT, labels negative/positive) as the runner would upload it.</summary>
    public string PackageDirectory { get; private set; } = "";

    public const string WebhookSecret = "pipeline-tests-secret";

    public NotificationOptions Notifications => Host.Services.GetRequiredService<IOptions<NotificationOptions>>().Value;

    public static TrainingOptions FastTraining { get; } = new() { Epochs = 1, MaxSteps = 6, BatchSize = 16, MaxLength = 32, LearningRate = 1e-3, Device = "cpu" };

    public async Task InitializeAsync()
    {
        await AzuriteRunner.EnsureStartedAsync();
        _bus = ServiceBusEmulatorHost.Start(ConfigLoader.Parse(BrokerConfig, port: 0));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = "UseDevelopmentStorage=true",
            ["ServiceBus:ConnectionString"] = _bus.ConnectionString,
            ["Storage:DatasetsContainer"] = $"datasets-{_suffix}",
            ["Storage:JobsContainer"] = $"jobs-{_suffix}",
            ["Storage:ModelsContainer"] = $"models-{_suffix}",
            ["Storage:EventsQueue"] = $"training-events-{_suffix}",
            ["Pipeline:EvaluationMaxExamples"] = "50",
            ["Pipeline:Watchdog:CheckInterval"] = "00:10:00",
            // Jobs notify only when their input asks; these keep a failing receiver's retries short.
            ["Notifications:WebhookSecret"] = WebhookSecret,
            ["Notifications:MaxAttempts"] = "3",
            ["Notifications:FirstRetryInterval"] = "00:00:00.200",
            ["Notifications:BackoffCoefficient"] = "1",
            // A test that holds the receiver open must not see the delivery time out meanwhile.
            ["Notifications:RequestTimeout"] = "00:02:00",
        }).Build();
        QuietHosts.Apply();
        Host = await DurableTestHosts.StartAsync(
            tasks => tasks.AddPipelineTasks(),
            new DurableTaskTestHostOptions
            {
                LoggerFactory = LoggerFactory.Create(Quiet),
                ConfigureServices = services => services.AddLogging(Quiet).AddPipeline(configuration),
            });
        Options = Host.Services.GetRequiredService<IOptions<PipelineOptions>>().Value;
        Storage = Host.Services.GetRequiredService<PipelineStorage>();
        ServiceBus = Host.Services.GetRequiredService<ServiceBusClient>();
        await EnsureStorageAsync();
        PackageDirectory = await Task.Run(TrainPackage);
    }

    /// <summary>
    /// Azurite is shared with other people's test runs and may be stopped by whoever started it; each test makes sure
    /// one is listening and that this fixture's containers and queue exist in it.
    /// </summary>
    public async Task EnsureStorageAsync()
    {
        await AzuriteRunner.EnsureStartedAsync();
        await Storage.Datasets.CreateIfNotExistsAsync();
        await Storage.Jobs.CreateIfNotExistsAsync();
        await Storage.Models.CreateIfNotExistsAsync();
        await Storage.TrainingEvents.CreateIfNotExistsAsync();
    }

    public async Task DisposeAsync()
    {
        // Only what this fixture created; Azurite itself may serve other people.
        await Storage.Datasets.DeleteIfExistsAsync();
        await Storage.Jobs.DeleteIfExistsAsync();
        await Storage.Models.DeleteIfExistsAsync();
        await Storage.TrainingEvents.DeleteIfExistsAsync();
        await ServiceBus.DisposeAsync();
        await Host.DisposeAsync();
        if (_bus is not null)
        {
            await _bus.DisposeAsync();
        }

        Directory.Delete(_temp, recursive: true);
    }

    public static string NewModelName() => "m" + Guid.NewGuid().ToString("N")[..10];

    public TrainingPipelineInput NewInput(string jobId, string model, string datasetBlob, WatchdogSettings? watchdog = null, PromotionGate? gate = null) =>
        TrainingPipelineInput.Create(jobId, model, datasetBlob, BaseModelResolver.TinyRandom, FastTraining, new DatasetOptions(), Options) with
        {
            Watchdog = watchdog ?? Options.Watchdog,
            Promotion = gate ?? Options.Promotion,
        };

    public TActivity Activity<TActivity>() where TActivity : class => ActivatorUtilities.CreateInstance<TActivity>(Host.Services);

    public Task UploadDatasetAsync(string name, string csv) => Storage.Datasets.GetBlobClient(name).UploadAsync(BinaryData.FromString(csv), overwrite: true);

    public async Task UploadPackageAsync(string jobId)
    {
        foreach (var file in Directory.EnumerateFiles(PackageDirectory, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(PackageDirectory, file).Replace('\\', '/');
            await Storage.Jobs.GetBlobClient(JobBlobs.ModelPrefix(jobId) + relative).UploadAsync(file, overwrite: true);
        }
    }

    public Task EnqueueFinishedAsync(TrainingFinished finished) => Storage.TrainingEvents.SendMessageAsync(TrainingEventMessage.Serialize(finished));

    /// <summary>Receives (and completes) dispatch messages until one with <paramref name="messageId"/> arrives or time runs out.</summary>
    public async Task<TrainingJobRequested?> ReceiveDispatchAsync(string messageId, TimeSpan timeout) =>
        (await ReceiveDispatchesAsync([messageId], timeout)).GetValueOrDefault(messageId);

    /// <summary>
    /// Receives (and completes) dispatch messages until every one of <paramref name="messageIds"/> arrived or time runs out;
    /// what arrived of them, by message id (others are dropped).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, TrainingJobRequested>> ReceiveDispatchesAsync(IReadOnlyCollection<string> messageIds, TimeSpan timeout)
    {
        var found = new Dictionary<string, TrainingJobRequested>(StringComparer.Ordinal);
        await using var receiver = ServiceBus.CreateReceiver(Platform.Shared.Jobs.StorageNames.TrainingJobsQueue);
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && found.Count < messageIds.Count)
        {
            foreach (var message in await receiver.ReceiveMessagesAsync(10, TimeSpan.FromSeconds(1)))
            {
                await receiver.CompleteMessageAsync(message);
                if (messageIds.Contains(message.MessageId))
                {
                    found[message.MessageId] = JsonSerializer.Deserialize<TrainingJobRequested>(message.Body.ToString(), WireJson.Options)!;
                }
            }
        }

        return found;
    }

    /// <summary>Does what the queue trigger does for the events waiting on <c>training-events</c>: raises each on its orchestration.</summary>
    public async Task RelayEventsAsync()
    {
        for (var i = 0; i < 40; i++)
        {
            var messages = (await Storage.TrainingEvents.ReceiveMessagesAsync(16, TimeSpan.FromSeconds(30))).Value;
            foreach (var message in messages)
            {
                Assert.True(TrainingEventMessage.TryParse(message.Body.ToString(), out var finished, out var problem), problem);
                await Host.Client.RaiseEventAsync(finished!.JobId, PipelineEvents.TrainingFinished, finished);
                await Storage.TrainingEvents.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }

            if (messages.Length > 0)
            {
                return;
            }

            await Task.Delay(250);
        }
    }

    public async Task WaitForPhaseAsync(string instanceId, string phase, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var instance = await Host.Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
            if (instance?.ReadCustomStatusAs<PipelineStatus>()?.Phase == phase)
            {
                return;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{instanceId} did not reach phase {phase} within {timeout}.");
    }

    private static void Quiet(ILoggingBuilder logging) => logging
        .AddSimpleConsole(o => o.SingleLine = true)
        .SetMinimumLevel(LogLevel.Information)
        .AddFilter("Microsoft", LogLevel.Warning)
        .AddFilter("Grpc", LogLevel.Warning)
        .AddFilter("Azure", LogLevel.Warning);

    private string TrainPackage()
    {
        Directory.CreateDirectory(_temp);
        var csv = Path.Combine(_temp, "train.csv");
        File.WriteAllText(csv, TestCsv.TwoClasses(30));
        return FineTuner.Run(new FineTuneRequest(csv, Path.Combine(_temp, "package")) { BaseModel = BaseModelResolver.TinyRandom, Training = FastTraining }).PackageDirectory;
    }
}
