using System.Globalization;
using System.Text.Json;
using Azure.Messaging.ServiceBus;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.DevHost;
using Platform.DevHost.Durable;
using Platform.DevHost.Hosting;
using Platform.ServiceBusEmulator.Hosting;
using Platform.Shared.Jobs;

namespace Platform.EndToEnd;

/// <summary>
/// DevHost's own composition booted in this process on a free loopback port, against real Azurite (started by DevHost
/// when needed) and its in-process broker, with containers of its own so runs never meet, and short watchdog timers.
/// <paramref name="brokerLockDuration"/> shortens the lock of <c>training-jobs</c> so a message held by a dead runner
/// comes back within seconds; <paramref name="watchdogCheckInterval"/> replaces the 5 s between the orchestrator's
/// heartbeat checks. With <paramref name="ownBroker"/> the broker lives in the fixture rather than in DevHost, so DevHost
/// can be stopped and started again (<see cref="RestartAsync"/>) without losing what is queued. <paramref name="extra"/>
/// adds to (or replaces) DevHost's configuration.
/// </summary>
public abstract partial class PlatformFixture(
    bool runRunner, TimeSpan? brokerLockDuration = null, TimeSpan? watchdogCheckInterval = null, bool ownBroker = false,
    IReadOnlyDictionary<string, string?>? extra = null) : IAsyncLifetime
{
    private const string Storage = "UseDevelopmentStorage=true";
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..8];
    private readonly string _work = Path.Combine(Path.GetTempPath(), "devhost-e2e-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly Dictionary<string, string?> _settings = [];
    private readonly IReadOnlyDictionary<string, string?> extraSettings = extra ?? new Dictionary<string, string?>();
    private WebApplication? _app;
    private ServiceBusEmulatorHost? _broker;

    public HttpClient Http { get; private set; } = null!;

    /// <summary>DevHost's services: the same handlers its functions call.</summary>
    public IServiceProvider Services => _app!.Services;

    public BlobContainerClient Datasets => new BlobServiceClient(Storage).GetBlobContainerClient($"datasets-{_suffix}");

    public BlobContainerClient Jobs => new BlobServiceClient(Storage).GetBlobContainerClient($"jobs-{_suffix}");

    public BlobContainerClient Models => new BlobServiceClient(Storage).GetBlobContainerClient($"models-{_suffix}");

    /// <summary>Where files to score are uploaded as <c>{model}/{name}.csv</c>.</summary>
    public BlobContainerClient Scoring => new BlobServiceClient(Storage).GetBlobContainerClient($"scoring-{_suffix}");

    public BlobContainerClient ScoringResults => new BlobServiceClient(Storage).GetBlobContainerClient($"scoring-results-{_suffix}");

    private QueueClient Events => new QueueServiceClient(Storage).GetQueueClient($"training-events-{_suffix}");

    /// <summary>The runner's timers and device, for the in-process runner and for runner processes alike.</summary>
    private static Dictionary<string, string?> RunnerTimers => new()
    {
        ["Runner:Device"] = "cpu",
        ["Runner:HeartbeatInterval"] = "00:00:01",
        ["Runner:CancelPollInterval"] = "00:00:01",
    };

    public string ServiceBusConnectionString => _app!.Services.GetRequiredService<LocalServiceBus>().ConnectionString;

    private string TaskHub => $"e2e{_suffix}";

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>(RunnerTimers)
        {
            ["DevHost:Port"] = "0",
            ["DevHost:WatchInterval"] = "00:00:00.500",
            ["DevHost:RunRunner"] = runRunner ? "true" : "false",
            ["Storage:ConnectionString"] = Storage,
            ["DevHost:Durable:TaskHub"] = TaskHub,
            ["Storage:DatasetsContainer"] = $"datasets-{_suffix}",
            ["Storage:JobsContainer"] = $"jobs-{_suffix}",
            ["Storage:ModelsContainer"] = $"models-{_suffix}",
            ["Storage:ScoringContainer"] = $"scoring-{_suffix}",
            ["Storage:ScoringResultsContainer"] = $"scoring-results-{_suffix}",
            ["Storage:EventsQueue"] = $"training-events-{_suffix}",
            ["DevHost:QueuePollInterval"] = "00:00:00.500",
            ["Telemetry:Console"] = "false",
            ["Pipeline:EvaluationMaxExamples"] = "50",
            ["Pipeline:Watchdog:CheckInterval"] = (watchdogCheckInterval ?? TimeSpan.FromSeconds(5)).ToString("c", CultureInfo.InvariantCulture),
            ["Pipeline:Watchdog:HeartbeatTimeout"] = "00:01:00",
            ["Pipeline:Watchdog:MaxAttempts"] = "2",
            ["Runner:WorkFolder"] = _work,
            ["Logging:LogLevel:Default"] = LogLevel,
        };
        var lockDuration = brokerLockDuration ?? new DevHostOptions().BrokerLockDuration;
        settings["DevHost:BrokerLockDuration"] = lockDuration.ToString("c", CultureInfo.InvariantCulture);
        if (ownBroker)
        {
            _broker = ServiceBusEmulatorHost.Start(LocalServiceBus.BrokerOptions(lockDuration), NullLoggerFactory.Instance);
            settings["ServiceBus:ConnectionString"] = _broker.ConnectionString;
        }

        foreach (var (key, value) in settings.Concat(extraSettings))
        {
            _settings[key] = value;
        }

        await StartAppAsync();
        await Datasets.CreateIfNotExistsAsync();
    }

    /// <summary>
    /// Stops DevHost as Ctrl+C would and starts a new one on the same storage, task hub and broker: what a developer does
    /// when they restart it in the middle of a job.
    /// </summary>
    public async Task RestartAsync(bool withRunner)
    {
        await StopAsync();
        await StartAsync(withRunner);
    }

    /// <summary>Stops DevHost (<see cref="StartAsync"/> brings it back); storage, task hub and a fixture-owned broker stay.</summary>
    public Task StopAsync() => StopAppAsync();

    /// <summary>Starts DevHost again after <see cref="StopAsync"/>, with or without its in-process runner.</summary>
    public Task StartAsync(bool withRunner)
    {
        _settings["DevHost:RunRunner"] = withRunner ? "true" : "false";
        return StartAppAsync();
    }

    private async Task StartAppAsync()
    {
        _app = DevHostApplication.Build([], _settings);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Http = new HttpClient { BaseAddress = new Uri(address) };
    }

    private async Task StopAppAsync()
    {
        Http.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    public async Task DisposeAsync()
    {
        await StopAppAsync();
        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }

        // Only what this fixture created; Azurite itself may serve other people.
        await DurableBackend.DeleteTaskHubAsync(Storage, TaskHub);
        await Datasets.DeleteIfExistsAsync();
        await Jobs.DeleteIfExistsAsync();
        await Models.DeleteIfExistsAsync();
        await Scoring.DeleteIfExistsAsync();
        await ScoringResults.DeleteIfExistsAsync();
        await Events.DeleteIfExistsAsync();
        if (Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }
    }

    /// <summary>
    /// Configuration for a runner of this platform in its own process: the keys DevHost's in-process runner passes
    /// (the broker, Azurite, this fixture's jobs container and events queue) and the same timers, with its own work folder.
    /// </summary>
    public IReadOnlyDictionary<string, string?> RunnerProcessSettings(string name) => new Dictionary<string, string?>(RunnerTimers)
    {
        ["ServiceBus:ConnectionString"] = ServiceBusConnectionString,
        ["ServiceBus:QueueName"] = StorageNames.TrainingJobsQueue,
        ["Storage:ConnectionString"] = Storage,
        ["Storage:JobsContainer"] = Jobs.Name,
        ["Storage:EventsQueue"] = Events.Name,
        ["Runner:WorkFolder"] = Path.Combine(_work, name),
        ["Logging:LogLevel:Default"] = LogLevel,
    };

    private static string LogLevel => Environment.GetEnvironmentVariable("E2E_LOG_LEVEL") ?? "Warning";

    public static string NewModelName() => "e2e" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>Uploads the options sibling first, then the CSV, as a person would for the watcher to see both.</summary>
    public async Task UploadAsync(string model, string csv, string optionsJson)
    {
        await Datasets.GetBlobClient($"{model}.options.json").UploadAsync(BinaryData.FromString(optionsJson), overwrite: true);
        await Datasets.GetBlobClient($"{model}.csv").UploadAsync(BinaryData.FromString(csv), overwrite: true);
    }

    /// <summary>The bodies waiting on <c>training-jobs</c>, without taking them.</summary>
    public async Task<IReadOnlyList<string>> PeekTrainingJobsAsync() =>
        [.. (await PeekAsync(SubQueue.None)).Select(m => m.Body.ToString())];

    /// <summary>What <c>training-jobs/$DeadLetterQueue</c> holds, without taking it.</summary>
    public Task<IReadOnlyList<ServiceBusReceivedMessage>> PeekDeadLetteredAsync() => PeekAsync(SubQueue.DeadLetter);

    /// <summary>A JSON blob of the jobs container (<c>status.json</c>, <c>result.json</c>, …), or null when it does not exist.</summary>
    public async Task<JsonElement?> ReadJobJsonAsync(string blobName)
    {
        var blob = Jobs.GetBlobClient(blobName);
        if (!await blob.ExistsAsync())
        {
            return null;
        }

        return (await blob.DownloadContentAsync()).Value.Content.ToObjectFromJson<JsonElement>();
    }

    private async Task<IReadOnlyList<ServiceBusReceivedMessage>> PeekAsync(SubQueue subQueue)
    {
        await using var client = new ServiceBusClient(ServiceBusConnectionString);
        await using var receiver = client.CreateReceiver(StorageNames.TrainingJobsQueue, new ServiceBusReceiverOptions { SubQueue = subQueue });
        return await receiver.PeekMessagesAsync(50);
    }
}
