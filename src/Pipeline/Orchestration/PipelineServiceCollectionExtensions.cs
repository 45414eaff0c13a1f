using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Platform.Pipeline.Activities;
using Platform.Pipeline.Handlers;
using Platform.Pipeline.Handlers.Jobs;
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
            .Validate(o => o.EvaluationMaxExamples >= 1, "Pipeline:EvaluationMaxExamples must be at least 1.")
            .PostConfigure(o => ApplySharedKeys(o, configuration))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PipelineOptions>, JobDefaultsValidator>());
        services.TryAddSingleton(sp => StorageClientFactory.CreateBlobServiceClient(Options(sp)));
        services.TryAddSingleton(sp => StorageClientFactory.CreateQueueServiceClient(Options(sp)));
        services.TryAddSingleton(sp => StorageClientFactory.CreateServiceBusClient(Options(sp)));
        services.TryAddSingleton<PipelineStorage>();
        services.TryAddSingleton<CurrentModelStore>();
        return services;
    }

    /// <summary>
    /// The Functions triggers, the runner and the pipeline share one set of keys (<c>Storage:*</c>,
    /// <c>ServiceBus:*</c>, <c>AZURE_CLIENT_ID</c>); <c>Pipeline:*</c> values win where both are set. With
    /// nothing configured the pipeline talks to Azurite.
    /// </summary>
    private static void ApplySharedKeys(PipelineOptions options, IConfiguration configuration)
    {
        options.StorageConnectionString ??= configuration["Storage:ConnectionString"];
        options.BlobServiceUri ??= AsUri(configuration["Storage:BlobServiceUri"]);
        options.QueueServiceUri ??= AsUri(configuration["Storage:QueueServiceUri"]);
        options.ServiceBusConnectionString ??= configuration["ServiceBus:ConnectionString"];
        options.ServiceBusFullyQualifiedNamespace ??= configuration["ServiceBus:FullyQualifiedNamespace"];
        options.ManagedIdentityClientId ??= configuration["AZURE_CLIENT_ID"];
        if (string.IsNullOrWhiteSpace(options.StorageConnectionString) && options.BlobServiceUri is null)
        {
            options.StorageConnectionString = "UseDevelopmentStorage=true";
        }
    }

    private static Uri? AsUri(string? value) => string.IsNullOrWhiteSpace(value) ? null : new Uri(value);

    private static PipelineOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<PipelineOptions>>().Value;
}
