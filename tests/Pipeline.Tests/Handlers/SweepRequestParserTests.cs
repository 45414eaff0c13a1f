using System.Text;
using System.Text.Json;
using Platform.Pipeline.Handlers;
using Platform.Pipeline.Handlers.Jobs;
using Platform.Pipeline.Sweeps;

namespace Platform.Pipeline.Tests.Handlers;

public sealed class SweepRequestParserTests
{
    private static readonly JobDefaults Defaults = new();

    [Fact]
    public void Parse_Grid_RunsEveryCombinationWithTheRestOfTheTrainingOptions()
    {
        var plan = Parse("""{"grid": {"training.learningRate": [2e-5, 5e-5, 1e-4], "training.epochs": [2, 3]}, "maxParallelTrials": 3, "maxRuntime": "01:30:00"}""",
            """{"batchSize": 16}""");

        Assert.Equal(6, plan.Trials.Count);
        Assert.Equal([1, 2, 3, 4, 5, 6], plan.Trials.Select(t => t.Number));
        Assert.Equal([(2e-5, 2), (2e-5, 3), (5e-5, 2), (5e-5, 3), (1e-4, 2), (1e-4, 3)], plan.Trials.Select(t => (t.Training.LearningRate!.Value, t.Training.Epochs!.Value)));
        Assert.All(plan.Trials, t => Assert.Equal(16, t.Training.BatchSize));
        Assert.Equal(["training.learningRate", "training.epochs"], plan.Trials[0].Options.Keys);
        Assert.Equal((3, TimeSpan.FromMinutes(90)), (plan.MaxParallelTrials, plan.MaxRuntime));
    }

    [Fact]
    public void Parse_RandomTrials_AreSeededWithinTheirRangesAndRepeatable()
    {
        const string Sweep = """{"trials": 6, "seed": 7, "space": {"training.learningRate": {"min": 1e-5, "max": 2e-4, "log": true}, "training.epochs": {"min": 2, "max": 4}, "training.batchSize": [16, 32]}}""";
        var plan = Parse(Sweep);

        Assert.Equal(6, plan.Trials.Count);
        Assert.All(plan.Trials, t => Assert.InRange(t.Training.LearningRate!.Value, 1e-5, 2e-4));
        Assert.All(plan.Trials, t => Assert.InRange(t.Training.Epochs!.Value, 2, 4));
        Assert.All(plan.Trials, t => Assert.Contains(t.Training.BatchSize, new[] { 16, 32 }));
        Assert.True(plan.Trials.Select(t => t.Training.LearningRate).Distinct().Count() > 1);
        Assert.Equal(plan.Trials.Select(t => t.Training), Parse(Sweep).Trials.Select(t => t.Training));
        Assert.NotEqual(plan.Trials.Select(t => t.Training), Parse(Sweep.Replace("\"seed\": 7", "\"seed\": 8", StringComparison.Ordinal)).Trials.Select(t => t.Training));
        Assert.Equal(2, plan.MaxParallelTrials);
        Assert.Null(plan.MaxRuntime);
    }

    [Theory]
    [InlineData("""{"grid": {"training.learningRat": [1e-5, 2e-5]}}""", "sweep.grid.training.learningRat", "cannot be swept")]
    [InlineData("""{"grid": {"datasetOptions.multiLabel": [true, false]}}""", "sweep.grid.datasetOptions.multiLabel", "varies training options")]
    [InlineData("""{"grid": {"training.epochs": []}}""", "sweep.grid.training.epochs", "non-empty list")]
    [InlineData("""{"grid": {"training.epochs": [2, 2]}}""", "sweep.grid.training.epochs", "lists a value twice")]
    [InlineData("""{"grid": {"training.epochs": [2, "three"]}}""", "sweep.grid.training.epochs", "must be a whole number")]
    [InlineData("""{"grid": {"training.epochs": [2, 0]}}""", "sweep.grid.training.epochs", "Trial 2: epochs must be at least 1")]
    [InlineData("""{"grid": {"training.epochs": [3]}}""", "sweep.grid", "at least two trials")]
    [InlineData("""{"grid": {"training.seed": [1,2,3,4,5,6], "training.epochs": [1,2,3,4,5,6]}}""", "sweep.grid", "more than 32 combinations")]
    [InlineData("""{"grid": {"training.epochs": [2, 3]}, "maxParalelTrials": 2}""", "sweep.maxParalelTrials", "Unknown sweep option")]
    [InlineData("""{"grid": {"training.epochs": [2, 3]}, "maxParallelTrials": 0}""", "sweep.maxParallelTrials", "from 1 to 16")]
    [InlineData("""{"grid": {"training.epochs": [2, 3]}, "maxRuntime": "90 minutes"}""", "sweep.maxRuntime", "\"hh:mm:ss\"")]
    [InlineData("""{"grid": {"training.epochs": [2, 3]}, "maxRuntime": "8.00:00:00"}""", "sweep.maxRuntime", "7.00:00:00")]
    [InlineData("""{"grid": {"training.epochs": [2, 3]}, "space": {}}""", "sweep", "not both")]
    [InlineData("""{"space": {"training.learningRate": {"min": 1e-5, "max": 1e-4}}}""", "sweep.trials", "'trials' is required")]
    [InlineData("""{"trials": 1, "space": {"training.learningRate": {"min": 1e-5, "max": 1e-4}}}""", "sweep.trials", "from 2 to 32")]
    [InlineData("""{"trials": 4, "space": {"training.learningRate": {"min": 1e-4, "max": 1e-5}}}""", "sweep.space.training.learningRate", "min below max")]
    [InlineData("""{"trials": 4, "space": {"training.learningRate": {"min": 0, "max": 1e-4, "log": true}}}""", "sweep.space.training.learningRate", "min must be above 0")]
    [InlineData("""{"trials": 4, "space": {"training.learningRate": {"min": 1e-5, "max": 1e-4, "step": 1e-5}}}""", "sweep.space.training.learningRate.step", "Unknown range key")]
    [InlineData("""{"trials": 4, "space": {"training.learningRate": {"max": 1e-4}}}""", "sweep.space.training.learningRate.min", "needs 'min'")]
    [InlineData("""{"trials": 4, "space": {"training.epochs": {"min": 1.5, "max": 3}}}""", "sweep.space.training.epochs", "whole numbers")]
    [InlineData("""{"trials": 4, "space": {"training.pooling": {"min": 1, "max": 3}}}""", "sweep.space.training.pooling", "list its values instead")]
    [InlineData("""{"trials": 4, "space": {"training.epochs": {"min": 1, "max": 300}}}""", "sweep.space.training.epochs", "epochs must be at most 100")]
    [InlineData("""[1, 2]""", "sweep", "must be a JSON object")]
    [InlineData("""{}""", "sweep", "needs 'grid'")]
    public void Parse_BadSweep_NamesTheOptionAndWhatIsWrong(string sweep, string field, string message)
    {
        var result = StartJobRequestParser.Parse(Body(sweep), Defaults).Problem;

        Assert.NotNull(result);
        var errors = StartJobHandlerTests.AssertProblem(result, 400);
        Assert.True(errors.ContainsKey(field), $"no error for {field}: {string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value}"))}");
        Assert.Contains(message, errors[field], StringComparison.Ordinal);
    }

    [Fact]
    public void JobId_WithoutSweep_IsWhatItWasAndASweepChangesIt()
    {
        var single = StartJobRequestParser.Parse(Body(null), Defaults).Request!;
        var swept = StartJobRequestParser.Parse(Body("""{"grid": {"training.epochs": [2, 3]}}"""), Defaults).Request!;
        var fewer = StartJobRequestParser.Parse(Body("""{"grid": {"training.epochs": [2, 3]}, "maxParallelTrials": 1}"""), Defaults).Request!;

        Assert.Null(single.Sweep);
        Assert.Equal(JobOptionsCanonicalizer.ToJson(single.BaseModel, single.Training, single.Dataset),
            JobOptionsCanonicalizer.ToJson(single.BaseModel, single.Training, single.Dataset, sweep: null));
        Assert.DoesNotContain("sweep", JobOptionsCanonicalizer.ToJson(single.BaseModel, single.Training, single.Dataset), StringComparison.OrdinalIgnoreCase);
        var canonical = new[] { single, swept, fewer }.Select(r => JobOptionsCanonicalizer.ToJson(r.BaseModel, r.Training, r.Dataset, r.Sweep)).ToList();
        Assert.Equal(3, canonical.Distinct(StringComparer.Ordinal).Count());
    }

    private static SweepPlan Parse(string sweep, string? training = null)
    {
        var (request, problem) = StartJobRequestParser.Parse(Body(sweep, training), Defaults);
        Assert.True(problem is null, problem?.Body);
        return request!.Sweep!;
    }

    private static byte[] Body(string? sweep, string? training = null)
    {
        var body = new StringBuilder("""{"model": "reviews", "dataset": "reviews.csv" """);
        if (training is not null)
        {
            body.Append(", \"training\": ").Append(training);
        }

        if (sweep is not null)
        {
            body.Append(", \"sweep\": ").Append(sweep);
        }

        return Encoding.UTF8.GetBytes(body.Append('}').ToString());
    }
}
