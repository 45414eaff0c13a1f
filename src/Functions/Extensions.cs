using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Platform.Pipeline.Activities;
using Platform.Pipeline.Handlers;
using Platform.Pipeline.Orchestration;

namespace Platform.Functions;

/// <summary>Registrations of the Functions app: the same Pipeline services the local host uses.</summary>
internal static class Extensions
{
    public static void AddApplicationServices(this FunctionsApplicationBuilder builder)
    {
        builder.Services.ConfigureFunctionsApplicationInsights();
        builder.Services.AddPipeline(builder.Configuration);
        builder.Services.AddPipelineHandlers();
        builder.Services.AddTransient<PrepareDataset>();
        builder.Services.AddTransient<DispatchTraining>();
        builder.Services.AddTransient<CheckHeartbeat>();
        builder.Services.AddTransient<EvaluateModel>();
        builder.Services.AddTransient<PublishModel>();
        builder.Services.AddTransient<WriteCancelMarker>();
    }
}
