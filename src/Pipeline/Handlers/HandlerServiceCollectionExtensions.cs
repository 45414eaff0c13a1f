using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Platform.Pipeline.Handlers;

/// <summary>Registers the HTTP handlers for any host; the host provides a <see cref="BlobServiceClient"/> and a DurableTaskClient.</summary>
public static class HandlerServiceCollectionExtensions
{
    public static IServiceCollection AddPipelineHandlers(this IServiceCollection services)
    {
        services.AddOptions<HandlerOptions>();
        services.TryAddSingleton(sp => HandlerContainers.From(sp.GetRequiredService<BlobServiceClient>()));
        services.TryAddSingleton<JobStatusReader>();
        services.TryAddSingleton<ModelCatalog>();
        services.TryAddSingleton<CurrentVersionTracker>();
        services.TryAddSingleton<PredictorCache>();
        services.TryAddSingleton<StartJobHandler>();
        services.TryAddSingleton<DatasetUploadHandler>();
        services.TryAddSingleton<JobStatusHandler>();
        services.TryAddSingleton<CancelJobHandler>();
        services.TryAddSingleton<ModelsHandler>();
        services.TryAddSingleton<PredictHandler>();
        return services;
    }
}
