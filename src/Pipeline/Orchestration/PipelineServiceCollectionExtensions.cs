using Azure.Core;
using Azure.Messaging.EventGrid;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Platform.Pipeline.Activities;
using Platform.Pipeline.Handlers;
using Platform.Pipeline.Handlers.Jobs;
using Platform.Pipeline.Notifications;
using Platform.Pipeline.Storage;
using Platform.Shared.Configuration;

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
            .Validate(o => o.Scoring.ChunkBytes >= 1 && o.Scoring.MaxChunks >= 1 && o.Scoring.MaxParallelChunks >= 1 && o.Scoring.BatchSize >= 1,
                "Pipeline:Scoring:ChunkBytes, MaxChunks, MaxParallelChunks and BatchSize must be at least 1.")
            .Validate(o => o.Scoring.BlockBytes is >= 1 and <= 100 * 1024 * 1024, "Pipeline:Scoring:BlockBytes must be from 1 to 104857600 (100 MiB).")
            .ValidateOnStart();
        // The shared vocabulary, as the runner reads it; with no account configured, the pipeline talks to Azurite.
        services.AddOptions<StorageSettings>().Bind(configuration.GetSection(StorageSettings.Section))
            .PostConfigure(s => s.ConnectionString = s.IsConfigured ? s.ConnectionString : "UseDevelopmentStorage=true");
        // Checked when the first dispatch builds the client (it names the keys), so an app that only serves still starts.
        services.AddOptions<ServiceBusSettings>().Bind(configuration.GetSection(ServiceBusSettings.Section));
        services.AddOptions<NotificationOptions>()
            .Bind(configuration.GetSection(NotificationOptions.SectionName))
            .Validate(o => o.MaxAttempts >= 1, "Notifications:MaxAttempts must be at least 1.")
            .Validate(o => o.FirstRetryInterval > TimeSpan.Zero && o.BackoffCoefficient >= 1, "Notifications:FirstRetryInterval must be positive and Notifications:BackoffCoefficient at least 1.")
            .Validate(o => o.RequestTimeout > TimeSpan.Zero, "Notifications:RequestTimeout must be positive.")
            .Validate(o => o.EventGridTopicEndpoint is null || o.EventGridTopicEndpoint is { IsAbsoluteUri: true, Scheme: "https" }, "Notifications:EventGridTopicEndpoint must be an absolute https URI.")
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PipelineOptions>, JobDefaultsValidator>());
        services.AddPlatformAzureClients();
        services.TryAddSingleton<PipelineStorage>();
        services.TryAddSingleton<CurrentModelStore>();
        services.TryAddSingleton<JobEventWebhook>();
        // The topic is reached with the app's credential (managed identity in Azure); no endpoint, no topic.
        services.TryAddSingleton(sp => new JobEventTopic(sp.GetRequiredService<IOptions<NotificationOptions>>().Value is { EventGridTopicEndpoint: { } endpoint } notifications
            ? new EventGridPublisherClient(endpoint, sp.GetRequiredService<TokenCredential>(), TopicClientOptions(notifications))
            : null));
        return services;
    }

    /// <summary>One try per activity attempt (the orchestration's retry policy is the one that counts), bounded like a webhook request.</summary>
    private static EventGridPublisherClientOptions TopicClientOptions(NotificationOptions notifications)
    {
        var options = new EventGridPublisherClientOptions();
        options.Retry.MaxRetries = 0;
        options.Retry.NetworkTimeout = notifications.RequestTimeout;
        return options;
    }
}
