using System.Text.Json;
using Platform.Shared.Datasets;
using Platform.Shared.Jobs;
using Platform.Shared.Training;

namespace Platform.Pipeline.Handlers.Jobs;

/// <summary>Parses and validates a <c>POST /api/jobs</c> body, reporting every problem by field name.</summary>
internal static class StartJobRequestParser
{
    private static readonly string[] Known = ["model", "dataset", "baseModel", "training", "datasetOptions", "sweep", "notify", "force"];

    /// <summary>The request with <paramref name="defaults"/> filling every option it leaves out.</summary>
    public static (StartJobRequest? Request, HandlerResult? Problem) Parse(byte[] body, JobDefaults defaults)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        if (body.Length == 0)
        {
            return (null, Problems.Validation("body", "Send a JSON object such as {\"model\":\"reviews\",\"dataset\":\"reviews.csv\"}."));
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            return (null, Problems.Validation("body", $"The body is not valid JSON: {e.Message}"));
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, Problems.Validation("body", "The body must be a JSON object with at least 'model' and 'dataset'."));
        }

        var errors = new ValidationErrors();
        foreach (var property in root.EnumerateObject().Where(p => !Known.Contains(p.Name, StringComparer.OrdinalIgnoreCase)))
        {
            errors.Add(property.Name, $"Unknown option '{property.Name}'. Known options: {string.Join(", ", Known)}.");
        }

        var model = RequiredString(root, "model", errors);
        if (model is not null && ModelNames.Problem(model) is { } modelProblem)
        {
            errors.Add("model", modelProblem);
        }

        var dataset = RequiredString(root, "dataset", errors);
        if (dataset is not null && DatasetBlobNames.Problem(dataset) is { } datasetProblem)
        {
            errors.Add("dataset", datasetProblem);
        }

        var baseModel = OptionalString(root, "baseModel", errors) ?? defaults.BaseModel;
        if (BaseModelNames.Problem(baseModel) is { } baseProblem)
        {
            errors.Add("baseModel", baseProblem);
        }

        var training = Find(root, "training") is { } t ? StrictJsonBinder.Bind(t, "training", errors, defaults.Training) : defaults.Training;
        var datasetOptions = Find(root, "datasetOptions") is { } d ? StrictJsonBinder.Bind(d, "datasetOptions", errors, defaults.Dataset) : defaults.Dataset;
        var force = Find(root, "force") is { } f ? Bool(f, errors) : false;
        if (training is not null)
        {
            OptionRules.Check(training, errors);
        }

        if (datasetOptions is not null)
        {
            OptionRules.Check(datasetOptions, errors);
        }

        var sweep = Find(root, "sweep") is { ValueKind: not JsonValueKind.Null } s && training is not null ? SweepRequestParser.Parse(s, training, errors) : null;
        var notify = Find(root, "notify") is { ValueKind: not JsonValueKind.Null } n ? NotifyRequestParser.Parse(n, errors) : null;
        return errors.Any || model is null || dataset is null || training is null || datasetOptions is null
            ? (null, errors.ToProblem())
            : (new StartJobRequest(model, dataset, BaseModelNames.Normalize(baseModel), training, datasetOptions, force) { Sweep = sweep, Notify = notify }, null);
    }

    private static JsonElement? Find(JsonElement root, string name) =>
        root.EnumerateObject().Where(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Select(p => (JsonElement?)p.Value).FirstOrDefault();

    private static string? RequiredString(JsonElement root, string name, ValidationErrors errors)
    {
        if (Find(root, name) is not { } value)
        {
            errors.Add(name, $"'{name}' is required.");
            return null;
        }

        return AsString(value, name, errors);
    }

    private static string? OptionalString(JsonElement root, string name, ValidationErrors errors) =>
        Find(root, name) is { ValueKind: not JsonValueKind.Null } value ? AsString(value, name, errors) : null;

    private static string? AsString(JsonElement value, string name, ValidationErrors errors)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(name, $"'{name}' must be a string.");
            return null;
        }

        return value.GetString();
    }

    private static bool Bool(JsonElement value, ValidationErrors errors)
    {
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        errors.Add("force", "'force' must be true or false.");
        return false;
    }
}
