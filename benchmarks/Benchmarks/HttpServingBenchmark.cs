using System.Diagnostics;
using System.Net.Http.Json;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Platform.DevHost;
using Platform.DevHost.Durable;
using Platform.Modeling.FineTuning;
using Platform.Modeling.Serving;
using Platform.Pipeline.Handlers.Predict;
using Platform.Shared.Jobs;
using Platform.Shared.Training;

namespace Platform.Benchmarks;

/// <summary>What one HTTP load run measured.</summary>
internal sealed record HttpFigures(double RequestsPerSecond, double P50Milliseconds, double P99Milliseconds, double TextsPerPass);

/// <summary>
/// The predict route as users call it: MiniLM fine-tuned briefly on SST-2 rows (the real training and packaging path),
/// published to Azurite as the pipeline publishes it, and served by DevHost (the Functions app's composition on Kestrel)
/// on loopback. Measures package load time, then one text per request from one client and from many concurrent clients,
/// with the request coalescer on and off (<c>Handlers:Predictor:MaxCoalescedTexts</c> 1).
/// </summary>
internal sealed class HttpServingBenchmark(BenchmarkData data, BenchmarkSizes sizes) : IDisposable
{
    private const string Storage = "UseDevelopmentStorage=true";
    private const string Version = "v1";
    private readonly string _work = Directory.CreateTempSubdirectory("bench-http-").FullName;
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..8];

    public string PackageDirectory => Path.Combine(_work, "model");

    /// <summary>Fine-tunes MiniLM for one epoch on the first rows of the data: a real package with both ONNX graphs and its precision choice.</summary>
    public FineTuneResult Train()
    {
        var csv = Path.Combine(_work, "train.csv");
        var labels = data.Encoded.Labels;
        var rows = data.Texts.Zip(data.Encoded.Examples).Take(sizes.HttpTrainingRows)
            .Select(p => $"\"{p.First.Replace("\"", "\"\"", StringComparison.Ordinal)}\",{labels[p.Second.Labels[0]]}");
        File.WriteAllLines(csv, rows.Prepend("text,label"));
        return FineTuner.Run(new FineTuneRequest(csv, PackageDirectory)
        {
            Training = new TrainingOptions { Epochs = 1, LearningRate = 1e-4, BatchSize = 32, MaxLength = 64, Seed = 7, Device = "cpu" },
        });
    }

    /// <summary>Milliseconds of <see cref="Predictor.Load"/> (manifest check of every file, ONNX Runtime session) per precision, best of three.</summary>
    public double LoadMilliseconds(string precision)
    {
        var best = double.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var clock = Stopwatch.StartNew();
            using var predictor = Predictor.Load(PackageDirectory, new PredictorOptions { Precision = precision });
            best = Math.Min(best, clock.Elapsed.TotalMilliseconds);
        }

        return best;
    }

    /// <summary>Texts per second of the predictor called in process with all texts at once (batches of 64, tokenization included).</summary>
    public double InProcessBatchRate(IReadOnlyList<string> texts, string precision)
    {
        using var predictor = Predictor.Load(PackageDirectory, new PredictorOptions { Precision = precision });
        predictor.Predict([.. texts.Take(128)]);
        var clock = Stopwatch.StartNew();
        predictor.Predict(texts);
        return texts.Count / clock.Elapsed.TotalSeconds;
    }

    /// <summary>Uploads the package as <c>models/{model}/v1/</c> with a <c>current.json</c> naming it, as the publish step leaves it.</summary>
    public async Task<string> PublishAsync()
    {
        var model = "bench" + _suffix;
        var container = Models;
        await container.CreateIfNotExistsAsync();
        foreach (var file in Directory.EnumerateFiles(PackageDirectory))
        {
            await container.GetBlobClient(ModelBlobs.VersionPrefix(model, Version) + Path.GetFileName(file)).UploadAsync(file, overwrite: true);
        }

        var current = new CurrentModelDocument(model, Version, "bench", 0, DateTimeOffset.UtcNow);
        await container.GetBlobClient(ModelBlobs.Current(model)).UploadAsync(BinaryData.FromBytes(current.ToUtf8Json()), overwrite: true);
        return model;
    }

    /// <summary>
    /// Starts DevHost, times the first request (download, verify, load, predict), then sends one text a request:
    /// sequentially from one client, and <paramref name="requests"/> from <paramref name="clients"/> concurrent clients.
    /// </summary>
    public async Task<(double FirstRequestMilliseconds, HttpFigures Single, HttpFigures Concurrent)> ServeAsync(
        string model, IReadOnlyList<string> texts, string precision, bool coalesce, int requests, int clients)
    {
        var app = DevHostApplication.Build([], new Dictionary<string, string?>
        {
            ["DevHost:Port"] = "0",
            ["DevHost:RunRunner"] = "false",
            ["DevHost:Durable:TaskHub"] = TaskHub,
            ["Storage:ConnectionString"] = Storage,
            ["Storage:DatasetsContainer"] = $"bench-datasets-{_suffix}",
            ["Storage:JobsContainer"] = $"bench-jobs-{_suffix}",
            ["Storage:ModelsContainer"] = Models.Name,
            ["Storage:EventsQueue"] = $"bench-events-{_suffix}",
            ["Handlers:Predictor:Precision"] = precision,
            ["Handlers:Predictor:MaxCoalescedTexts"] = coalesce ? "256" : "1",
            ["Handlers:PackageCacheDirectory"] = Path.Combine(_work, "cache"),
            ["Telemetry:Console"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        await app.StartAsync();
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients }) { BaseAddress = new Uri(address) };
            var route = $"/api/models/{model}/predict";

            var clock = Stopwatch.StartNew();
            await PostAsync(http, route, texts[0]);
            var first = clock.Elapsed.TotalMilliseconds;

            var cache = app.Services.GetRequiredService<PredictorCache>();
            var predictor = (await cache.GetAsync(model, Version, CancellationToken.None))!;
            var single = await LoadAsync(http, route, texts, predictor, Math.Max(sizes.LatencyRuns, 20), 1);
            var concurrent = await LoadAsync(http, route, texts, predictor, requests, clients);
            return (first, single, concurrent);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private static async Task<HttpFigures> LoadAsync(HttpClient http, string route, IReadOnlyList<string> texts, Predictor predictor, int requests, int clients)
    {
        // Warm every connection first, so the figures do not include connection set-up.
        await Task.WhenAll(Enumerable.Range(0, clients).Select(i => PostAsync(http, route, texts[i % texts.Count])));
        var latencies = new double[requests];
        var next = -1;
        var passesBefore = predictor.CoalescedPasses;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < requests; i = Interlocked.Increment(ref next))
            {
                var start = Stopwatch.GetTimestamp();
                await PostAsync(http, route, texts[i % texts.Count]);
                latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
        }));
        var rate = requests / clock.Elapsed.TotalSeconds;
        var passes = predictor.CoalescedPasses - passesBefore;
        Array.Sort(latencies);
        return new HttpFigures(rate, Timing.Percentile(latencies, 0.5), Timing.Percentile(latencies, 0.99), requests / (double)Math.Max(passes, 1));
    }

    private static async Task PostAsync(HttpClient http, string route, string text)
    {
        using var response = await http.PostAsJsonAsync(route, new { text });
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {route} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    private BlobContainerClient Models => new BlobServiceClient(Storage).GetBlobContainerClient($"bench-models-{_suffix}");

    private string TaskHub => $"bench{_suffix}";

    public void Dispose()
    {
        var service = new BlobServiceClient(Storage);
        foreach (var name in new[] { Models.Name, $"bench-datasets-{_suffix}", $"bench-jobs-{_suffix}" })
        {
            service.GetBlobContainerClient(name).DeleteIfExists();
        }

        new Azure.Storage.Queues.QueueClient(Storage, $"bench-events-{_suffix}").DeleteIfExists();
        DurableBackend.DeleteTaskHubAsync(Storage, TaskHub).GetAwaiter().GetResult();
        Directory.Delete(_work, recursive: true);
    }
}
