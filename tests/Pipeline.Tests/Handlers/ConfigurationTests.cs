using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.Pipeline.Handlers;
using Platform.Pipeline.Orchestration;

namespace Platform.Pipeline.Tests.Handlers;

public sealed class ConfigurationTests
{
    [Fact]
    public void AddPipeline_DefaultsInConfiguration_AreBound()
    {
        using var provider = Provider(new()
        {
            ["Pipeline:Defaults:BaseModel"] = "tiny-random",
            ["Pipeline:Defaults:Training:Epochs"] = "5",
            ["Pipeline:Defaults:Training:LearningRate"] = "0.0002",
            ["Pipeline:Defaults:Dataset:LabelColumn"] = "sentiment",
        });

        var defaults = provider.GetRequiredService<IOptions<PipelineOptions>>().Value.Defaults;

        Assert.Equal(("tiny-random", (int?)5, (double?)2e-4, "sentiment"), (defaults.BaseModel, defaults.Training.Epochs, defaults.Training.LearningRate, defaults.Dataset.LabelColumn));
    }

    [Fact]
    public void AddPipeline_InvalidDefaults_FailNamingEachKey()
    {
        using var provider = Provider(new()
        {
            ["Pipeline:Defaults:BaseModel"] = "../secrets",
            ["Pipeline:Defaults:Training:Epochs"] = "0",
            ["Pipeline:Defaults:Dataset:MinRows"] = "1",
        });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<PipelineOptions>>().Value);

        Assert.Contains("Pipeline:Defaults: baseModel:", error.Message, StringComparison.Ordinal);
        Assert.Contains("Pipeline:Defaults: training", error.Message, StringComparison.Ordinal);
        Assert.Contains("Pipeline:Defaults: datasetOptions.minRows:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddPipelineHandlers_HandlersSection_SetsThePredictLimits()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Handlers:MaxTextsPerRequest"] = "3",
            ["Handlers:MaxCharactersPerText"] = "500",
        }).Build();
        using var provider = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddPipelineHandlers().BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<HandlerOptions>>().Value;

        Assert.Equal((3, 500), (options.MaxTextsPerRequest, options.MaxCharactersPerText));
    }

    private static ServiceProvider Provider(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddPipeline(configuration).BuildServiceProvider();
    }
}
