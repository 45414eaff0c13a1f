using Microsoft.Extensions.Logging.Abstractions;
using Platform.Modeling.Serving;
using Platform.Pipeline.Activities;
using Platform.Pipeline.Orchestration;
using Platform.Pipeline.Handlers;
using Platform.Pipeline.Handlers.Models;
using Platform.Pipeline.Handlers.Predict;

namespace Platform.Pipeline.Tests.Handlers;

/// <summary>The model handlers wired to a test's containers, with small limits and current.json checked on every call.</summary>
public sealed class ModelHandlers : IDisposable
{
    private readonly string _cache = Directory.CreateTempSubdirectory("pipeline-predictor-cache-").FullName;

    public ModelHandlers(HandlerContainers containers)
    {
        Options = new HandlerOptions
        {
            MaxTextsPerRequest = 8,
            MaxCharactersPerText = 200,
            MaxPredictBodyBytes = 4096,
            CurrentModelCheckInterval = TimeSpan.Zero,
            PackageCacheDirectory = _cache,
            Predictor = new PredictorOptions(),
        };
        var options = Microsoft.Extensions.Options.Options.Create(Options);
        var catalog = new ModelCatalog(containers);
        Cache = new PredictorCache(containers, options, NullLogger<PredictorCache>.Instance);
        Predict = new PredictHandler(new CurrentVersionTracker(catalog, options), Cache, options, NullLogger<PredictHandler>.Instance);
        Models = new ModelsHandler(catalog, NullLogger<ModelsHandler>.Instance);
        Promote = new PromoteModelHandler(
            catalog, new CurrentModelStore(NullLogger<CurrentModelStore>.Instance), containers,
            Microsoft.Extensions.Options.Options.Create(new PipelineOptions { Promotion = Gate }), NullLogger<PromoteModelHandler>.Instance);
    }

    /// <summary>The promotion gate of <see cref="Promote"/>: any macro-F1, at most 0.02 below the current version's.</summary>
    public static PromotionGate Gate { get; } = new() { MinMacroF1 = 0, MaxRegression = 0.02 };

    public HandlerOptions Options { get; }

    public PredictorCache Cache { get; }

    public PredictHandler Predict { get; }

    public ModelsHandler Models { get; }

    public PromoteModelHandler Promote { get; }

    public void Dispose()
    {
        Cache.Dispose();
        Directory.Delete(_cache, recursive: true);
    }
}
