using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Platform.Pipeline.Activities;
using Platform.Pipeline.Storage;

namespace Platform.Pipeline.Orchestration;

/// <summary>Registers the pipeline's options, SDK clients and services; the host adds the Durable Task worker and client.</summary>
public static class PipelineServiceCollectionExtensions
{
    public static IServiceCollection AddPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PipelineOptions>()
            .Bind(configuration.GetSection(PipelineOptions.SectionName))
            .Validate(o => o.Watchdog.MaxAttempts >= 1, "Pipeline:Watchdog:MaxAttempts must be at least 1.")
            .Validate(o => o.Watchdog.CheckInterval > TimeSpan.Zero, "Pipeline:Watchdog:CheckInterval must be positive.")
            .Validate(o => o.EvaluationMaxExamples >= 1, "Pipeline:EvaluationMaxExamples must be at least 1.");
        services.TryAddSingleton(sp => StorageClientFactory.CreateBlobServiceClient(Options(sp)));
        services.TryAddSingleton(sp => StorageClientFactory.CreateQueueServiceClient(Options(sp)));
        services.TryAddSingleton(sp => StorageClientFactory.CreateServiceBusClient(Options(sp)));
        services.TryAddSingleton<PipelineStorage>();
        services.TryAddSingleton<CurrentModelStore>();
        services.TryAddSingleton<TrainingEventsListener>();
        return services;
    }

    private static PipelineOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<PipelineOptions>>().Value;
}
