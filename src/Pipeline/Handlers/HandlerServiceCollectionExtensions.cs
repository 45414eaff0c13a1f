using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Pipeline.Handlers.Console;
using Platform.Pipeline.Handlers.Jobs;
using Platform.Pipeline.Handlers.Models;
using Platform.Pipeline.Handlers.Predict;
using Platform.Pipeline.Handlers.Uploads;

namespace Platform.Pipeline.Handlers;

/// <summary>Registers the HTTP handlers for any host; the host provides a <see cref="BlobServiceClient"/>, and each call its Durable Task client.</summary>
public static class HandlerServiceCollectionExtensions
{
    public static IServiceCollection AddPipelineHandlers(this IServiceCollection services)
    {
        // Section "Handlers" of the host's configuration (Functions app settings Handlers__MaxTextsPerRequest, …).
        services.AddOptions<HandlerOptions>()
            .BindConfiguration(HandlerOptions.SectionName)
            .Validate(o => o.MaxTextsPerRequest >= 1, "Handlers:MaxTextsPerRequest must be at least 1.")
            .Validate(o => o.MaxCharactersPerText >= 1, "Handlers:MaxCharactersPerText must be at least 1.")
            .Validate(o => o.MaxPredictBodyBytes >= 1 && o.MaxStartJobBodyBytes >= 1, "Handlers:MaxPredictBodyBytes and MaxStartJobBodyBytes must be positive.")
            .Validate(o => o.Uploads.MaxUploadBytes >= 1, "Handlers:Uploads:MaxUploadBytes must be positive.")
            .Validate(o => o.Uploads.SasLifetime > TimeSpan.Zero && o.Uploads.SasLifetime <= TimeSpan.FromDays(7), "Handlers:Uploads:SasLifetime must be more than zero and at most 7 days (a user-delegation key's limit).")
            .Validate(o => o.CurrentModelCheckInterval >= TimeSpan.Zero, "Handlers:CurrentModelCheckInterval must not be negative.")
            .ValidateOnStart();
        services.AddOptions<ConsoleOptions>()
            .BindConfiguration(ConsoleOptions.SectionName)
            .Validate(o => o.SignInPath.StartsWith('/') && o.SignOutPath.StartsWith('/'), "Console:SignInPath and Console:SignOutPath must be paths on this host, starting with '/'.")
            .ValidateOnStart();
        services.TryAddSingleton(sp => HandlerContainers.From(sp.GetRequiredService<Storage.PipelineStorage>()));
        services.TryAddSingleton<JobStatusReader>();
        services.TryAddSingleton<ModelCatalog>();
        services.TryAddSingleton<CurrentVersionTracker>();
        services.TryAddSingleton<PredictorCache>();
        services.TryAddSingleton<StartJobHandler>();
        services.TryAddSingleton<DatasetUploadHandler>();
        services.TryAddSingleton<ScoringUploadHandler>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<UploadSasIssuer>();
        services.TryAddSingleton<UploadHandler>();
        services.TryAddSingleton<JobStatusHandler>();
        services.TryAddSingleton<JobListHandler>();
        services.TryAddSingleton<CancelJobHandler>();
        services.TryAddSingleton<ModelsHandler>();
        services.TryAddSingleton<Activities.CurrentModelStore>();
        services.TryAddSingleton<PromoteModelHandler>();
        services.TryAddSingleton<PredictHandler>();
        services.TryAddSingleton<ConsoleAssets>();
        services.TryAddSingleton<ConsoleHandler>();
        return services;
    }
}
