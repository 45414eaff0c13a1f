using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Pipeline.Handlers;
using Platform.Pipeline.Handlers.Uploads;
using Platform.Pipeline.Orchestration;
using Platform.Pipeline.Storage;
using Platform.Pipeline.Tests.Handlers;
using Platform.TestSupport;

namespace Platform.Pipeline.Tests.Scoring;

/// <summary>
/// The pipeline's orchestrations on the Durable Task test host with the handlers' services (the predictor cache the
/// predict route serves from), real Azurite containers of its own, chunks of 256 bytes (two at a time) so a few
/// hundred rows fan out over many activities, and the two tiny packages of <see cref="TrainedPackagesFixture"/>.
/// </summary>
public sealed class ScoringFixture : IAsyncLifetime
{
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..8];

    public DurableTaskTestHost Host { get; private set; } = null!;

    public PipelineStorage Storage { get; private set; } = null!;

    public TrainedPackagesFixture Packages { get; } = new();

    public ScoringUploadHandler Uploads => Host.Services.GetRequiredService<ScoringUploadHandler>();

    public async Task InitializeAsync()
    {
        await AzuriteRunner.EnsureStartedAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = "UseDevelopmentStorage=true",
            ["Storage:DatasetsContainer"] = $"datasets-{_suffix}",
            ["Storage:JobsContainer"] = $"jobs-{_suffix}",
            ["Storage:ModelsContainer"] = $"models-{_suffix}",
            ["Storage:ScoringContainer"] = $"scoring-{_suffix}",
            ["Storage:ScoringResultsContainer"] = $"scoring-results-{_suffix}",
            ["Storage:EventsQueue"] = $"training-events-{_suffix}",
            ["Pipeline:Scoring:ChunkBytes"] = "256",
            ["Pipeline:Scoring:MaxParallelChunks"] = "2",
            ["Pipeline:Scoring:BlockBytes"] = "512",
            ["Handlers:Predictor:Precision"] = "fp32",
        }).Build();
        QuietHosts.Apply();
        Host = await DurableTestHosts.StartAsync(
            tasks => tasks.AddPipelineTasks(),
            new DurableTaskTestHostOptions
            {
                LoggerFactory = LoggerFactory.Create(l => l.SetMinimumLevel(LogLevel.Warning)),
                ConfigureServices = services => services
                    .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
                    .AddSingleton<IConfiguration>(configuration)
                    .AddPipeline(configuration)
                    .AddPipelineHandlers(),
            });
        Storage = Host.Services.GetRequiredService<PipelineStorage>();
        await Storage.Scoring.CreateIfNotExistsAsync();
        await Storage.Models.CreateIfNotExistsAsync();
    }

    public async Task DisposeAsync()
    {
        // Only what this fixture created; Azurite itself may serve other people.
        await Storage.Scoring.DeleteIfExistsAsync();
        await Storage.ScoringResults.DeleteIfExistsAsync();
        await Storage.Jobs.DeleteIfExistsAsync();
        await Storage.Models.DeleteIfExistsAsync();
        await Storage.TrainingEvents.DeleteIfExistsAsync();
        await Host.DisposeAsync();
        Packages.Dispose();
    }

    public static string NewModelName() => "s" + Guid.NewGuid().ToString("N")[..10];
}
