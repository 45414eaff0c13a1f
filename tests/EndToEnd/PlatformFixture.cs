using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Messaging.ServiceBus;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Platform.DevHost;
using Platform.DevHost.Hosting;
using Platform.Shared.Jobs;

namespace Platform.EndToEnd;

/// <summary>
/// DevHost's own composition booted in this process on a free loopback port, against real Azurite (started by DevHost
/// when needed) and its in-process broker, with containers of its own so runs never meet, and short watchdog timers.
/// <paramref name="brokerLockDuration"/> shortens the lock of <c>training-jobs</c> so a message held by a dead runner
/// comes back within seconds; <paramref name="watchdogCheckInterval"/> replaces the 5 s between the orchestrator's
/// heartbeat checks.
/// </summary>
public abstract class PlatformFixture(bool runRunner, TimeSpan? brokerLockDuration = null, TimeSpan? watchdogCheckInterval = null) : IAsyncLifetime
{
    private const string Storage = "UseDevelopmentStorage=true";
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..8];
    private readonly string _work = Path.Combine(Path.GetTempPath(), "devhost-e2e-" + Guid.NewGuid().ToString("N")[..8]);
    private WebApplication? _app;

    public HttpClient Http { get; private set; } = null!;

    public BlobContainerClient Datasets => new BlobServiceClient(Storage).GetBlobContainerClient($"datasets-{_suffix}");

    public BlobContainerClient Jobs => new BlobServiceClient(Storage).GetBlobContainerClient($"jobs-{_suffix}");

    public BlobContainerClient Models => new BlobServiceClient(Storage).GetBlobContainerClient($"models-{_suffix}");

    private QueueClient Events => new QueueServiceClient(Storage).GetQueueClient($"training-events-{_suffix}");

    /// <summary>The runner's timers and device, for the in-process runner and for runner processes alike.</summary>
    private static Dictionary<string, string?> RunnerTimers => new()
    {
        ["Runner:Device"] = "cpu",
        ["Runner:HeartbeatInterval"] = "00:00:01",
        ["Runner:CancelPollInterval"] = "00:00:01",
    };

    public string ServiceBusConnectionString => _app!.Services.GetRequiredService<LocalServiceBus>().ConnectionString;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>(RunnerTimers)
        {
            ["DevHost:Port"] = "0",
            ["DevHost:WatchInterval"] = "00:00:00.500",
            ["DevHost:RunRunner"] = runRunner ? "true" : "false",
            ["Storage:ConnectionString"] = Storage,
            ["Pipeline:DatasetsContainer"] = $"datasets-{_suffix}",
            ["Pipeline:JobsContainer"] = $"jobs-{_suffix}",
            ["Pipeline:ModelsContainer"] = $"models-{_suffix}",
            ["Pipeline:TrainingEventsQueue"] = $"training-events-{_suffix}",
            ["Pipeline:EventsPollInterval"] = "00:00:00.500",
            ["Pipeline:EvaluationMaxExamples"] = "50",
            ["Pipeline:Watchdog:CheckInterval"] = (watchdogCheckInterval ?? TimeSpan.FromSeconds(5)).ToString("c", CultureInfo.InvariantCulture),
            ["Pipeline:Watchdog:HeartbeatTimeout"] = "00:01:00",
            ["Pipeline:Watchdog:MaxAttempts"] = "2",
            ["Runner:WorkFolder"] = _work,
            ["Logging:LogLevel:Default"] = LogLevel,
        };
        if (brokerLockDuration is { } lockDuration)
        {
            settings["DevHost:BrokerLockDuration"] = lockDuration.ToString("c", CultureInfo.InvariantCulture);
        }

        _app = DevHostApplication.Build([], settings);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Http = new HttpClient { BaseAddress = new Uri(address) };
        await Datasets.CreateIfNotExistsAsync();
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        // Only what this fixture created; Azurite itself may serve other people.
        await Datasets.DeleteIfExistsAsync();
        await Jobs.DeleteIfExistsAsync();
        await Models.DeleteIfExistsAsync();
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

    /// <summary>The job the watcher started for <paramref name="model"/>: its id is the single folder under <c>jobs</c> named after the model.</summary>
    public async Task<string> WaitForJobIdAsync(string model, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        while (true)
        {
            var ids = new HashSet<string>(StringComparer.Ordinal);
            if (await Jobs.ExistsAsync(cancellation.Token))
            {
                await foreach (var blob in Jobs.GetBlobsAsync(new GetBlobsOptions { Prefix = model + "-" }, cancellation.Token))
                {
                    ids.Add(blob.Name[..blob.Name.IndexOf('/', StringComparison.Ordinal)]);
                }
            }

            if (ids.Count > 0)
            {
                return Assert.Single(ids);
            }

            await Task.Delay(250, cancellation.Token);
        }
    }

    /// <summary>Polls <c>GET /api/jobs/{id}</c> until the job reports <paramref name="phase"/>.</summary>
    public async Task WaitForPhaseAsync(string jobId, string phase, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        while (true)
        {
            using var response = await Http.GetAsync(new Uri($"/api/jobs/{jobId}", UriKind.Relative), cancellation.Token);
            if (response.IsSuccessStatusCode)
            {
                var view = await response.Content.ReadFromJsonAsync<JsonElement>(cancellation.Token);
                Assert.False(view.GetProperty("terminal").GetBoolean(), $"Job {jobId} ended before reaching {phase}: {view}");
                if (view.GetProperty("phase").GetString() == phase)
                {
                    return;
                }
            }

            await Task.Delay(250, cancellation.Token);
        }
    }

    /// <summary>The phase the orchestration itself last set (its custom status), not the merged one the API reports.</summary>
    public async Task<string?> OrchestrationPhaseAsync(string jobId)
    {
        var instance = await _app!.Services.GetRequiredService<DurableTaskClient>().GetInstanceAsync(jobId, getInputsAndOutputs: true);
        var status = instance?.ReadCustomStatusAs<JsonElement>();
        return status?.EnumerateObject().Where(p => p.Name.Equals("phase", StringComparison.OrdinalIgnoreCase)).Select(p => p.Value.GetString()).FirstOrDefault();
    }

    /// <summary>Polls <c>GET /api/jobs/{id}</c> until the job is terminal and returns its last view.</summary>
    public async Task<JsonElement> WaitForTerminalAsync(string jobId, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        JsonElement last = default;
        try
        {
            while (true)
            {
                using var response = await Http.GetAsync(new Uri($"/api/jobs/{jobId}", UriKind.Relative), cancellation.Token);
                if (response.IsSuccessStatusCode)
                {
                    last = await response.Content.ReadFromJsonAsync<JsonElement>(cancellation.Token);
                    if (last.GetProperty("terminal").GetBoolean())
                    {
                        return last;
                    }
                }

                await Task.Delay(500, cancellation.Token);
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Job {jobId} was not terminal after {timeout}; last view: {(last.ValueKind == JsonValueKind.Undefined ? "none" : last.ToString())}");
        }
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
