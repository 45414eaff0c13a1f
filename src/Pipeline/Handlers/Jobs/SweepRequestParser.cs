using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Pipeline.Sweeps;
using Platform.Shared.Datasets;
using Platform.Shared.Training;

namespace Platform.Pipeline.Handlers.Jobs;

/// <summary>
/// Expands a job's <c>sweep</c> option into its trials: a grid (every combination of the listed values) or seeded random
/// trials over ranges and choices. Every trial's training options pass the same checks as a single job's, and every
/// problem is named by its path (<c>sweep.grid.training.learningRate</c>).
/// </summary>
internal static class SweepRequestParser
{
    public const int MaxTrials = 32;
    public const int MaxParallelLimit = 16;
    public const int DefaultMaxParallel = 2;
    public const ulong DefaultSeed = 1;
    public static readonly TimeSpan MinRuntime = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxRuntimeLimit = TimeSpan.FromDays(7);

    private const string Prefix = "training.";
    private static readonly string[] Known = ["grid", "trials", "space", "seed", "maxParallelTrials", "maxRuntime"];
    private static readonly string[] RangeKeys = ["min", "max", "log"];

    /// <summary>The options a sweep may vary: every settable training option, by its JSON name.</summary>
    private static readonly Dictionary<string, PropertyInfo> Sweepable = typeof(TrainingOptions)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.SetMethod is { IsPublic: true })
        .ToDictionary(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name), StringComparer.OrdinalIgnoreCase);

    /// <summary>The plan, or null with <paramref name="errors"/> saying why; <paramref name="training"/> is what every trial starts from.</summary>
    public static SweepPlan? Parse(JsonElement sweep, TrainingOptions training, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(errors);
        if (sweep.ValueKind != JsonValueKind.Object)
        {
            errors.Add("sweep", "'sweep' must be a JSON object: {\"grid\": {\"training.learningRate\": [2e-5, 5e-5]}} or {\"trials\": 6, \"space\": {\"training.learningRate\": {\"min\": 1e-5, \"max\": 2e-4, \"log\": true}}}.");
            return null;
        }

        var before = errors.Count;
        foreach (var property in sweep.EnumerateObject().Where(p => !Known.Contains(p.Name, StringComparer.Ordinal)))
        {
            errors.Add("sweep." + property.Name, $"Unknown sweep option '{property.Name}'. Known: {string.Join(", ", Known)}.");
        }

        var grid = Find(sweep, "grid");
        var space = Find(sweep, "space");
        var trialsValue = Find(sweep, "trials");
        List<Dictionary<string, JsonElement>>? combinations = null;
        var section = "grid";
        if (grid is not null && (space is not null || trialsValue is not null))
        {
            errors.Add("sweep", "Give either 'grid' or 'trials' with 'space', not both.");
        }
        else if (grid is { } g)
        {
            combinations = Grid(g, errors);
        }
        else if (space is { } s)
        {
            section = "space";
            combinations = Random(s, trialsValue, Find(sweep, "seed"), errors);
        }
        else
        {
            errors.Add("sweep", "A sweep needs 'grid' (values to combine) or 'trials' and 'space' (ranges to sample).");
        }

        var count = combinations?.Count ?? 0;
        var maxParallel = Find(sweep, "maxParallelTrials") is { } p
            ? WholeNumber(p, "sweep.maxParallelTrials", 1, MaxParallelLimit, errors) ?? 1
            : Math.Min(DefaultMaxParallel, Math.Max(count, 1));
        var maxRuntime = Find(sweep, "maxRuntime") is { } r ? Runtime(r, errors) : null;

        var trials = new List<SweepTrial>();
        foreach (var (options, index) in (combinations ?? []).Select((c, i) => (c, i)))
        {
            if (Trial(index + 1, options, section, training, errors) is { } trial)
            {
                trials.Add(trial);
            }
        }

        return errors.Count > before || combinations is null ? null : new SweepPlan(trials, maxParallel, maxRuntime);
    }

    private static List<Dictionary<string, JsonElement>>? Grid(JsonElement grid, ValidationErrors errors)
    {
        if (grid.ValueKind != JsonValueKind.Object || !grid.EnumerateObject().Any())
        {
            errors.Add("sweep.grid", "'grid' must be a JSON object of swept options, each with a list of values: {\"training.learningRate\": [2e-5, 5e-5], \"training.epochs\": [2, 3]}.");
            return null;
        }

        var combinations = new List<Dictionary<string, JsonElement>> { new(StringComparer.Ordinal) };
        var valid = true;
        foreach (var axis in grid.EnumerateObject())
        {
            var path = "sweep.grid." + axis.Name;
            if (OptionName(axis.Name, path, errors) is not { } name)
            {
                valid = false;
                continue;
            }

            if (axis.Value.ValueKind != JsonValueKind.Array || axis.Value.GetArrayLength() == 0)
            {
                errors.Add(path, $"'{path}' must be a non-empty list of values.");
                valid = false;
                continue;
            }

            var values = axis.Value.EnumerateArray().Select(v => v.Clone()).ToList();
            if (values.Select(v => v.GetRawText()).Distinct(StringComparer.Ordinal).Count() != values.Count)
            {
                errors.Add(path, $"'{path}' lists a value twice; each combination would run twice.");
                valid = false;
            }

            combinations = [.. combinations.SelectMany(c => values.Select(v => new Dictionary<string, JsonElement>(c, StringComparer.Ordinal) { [Prefix + name] = v }))];
            if (combinations.Count > MaxTrials)
            {
                errors.Add("sweep.grid", $"The grid has more than {MaxTrials} combinations; a sweep runs at most {MaxTrials} trials. List fewer values, or sample with 'trials' and 'space'.");
                return null;
            }
        }

        if (valid && combinations.Count < 2)
        {
            errors.Add("sweep.grid", "The grid has one combination; a sweep needs at least two trials (set the option directly under 'training' instead).");
            return null;
        }

        return valid ? combinations : null;
    }

    private static List<Dictionary<string, JsonElement>>? Random(JsonElement space, JsonElement? trialsValue, JsonElement? seedValue, ValidationErrors errors)
    {
        var count = trialsValue is { } t ? WholeNumber(t, "sweep.trials", 2, MaxTrials, errors) : null;
        if (trialsValue is null)
        {
            errors.Add("sweep.trials", $"'trials' is required with 'space': how many trials to sample (2 to {MaxTrials}).");
        }

        var seed = seedValue is { } s ? (ulong?)WholeNumber(s, "sweep.seed", 0, int.MaxValue, errors) : DefaultSeed;
        if (space.ValueKind != JsonValueKind.Object || !space.EnumerateObject().Any())
        {
            errors.Add("sweep.space", "'space' must be a JSON object of swept options, each a range {\"min\": 1e-5, \"max\": 2e-4, \"log\": true} or a list of values to choose from.");
            return null;
        }

        var samplers = new List<(string Name, Func<SplitMix64, JsonElement> Draw)>();
        foreach (var axis in space.EnumerateObject())
        {
            var path = "sweep.space." + axis.Name;
            if (OptionName(axis.Name, path, errors) is { } name && Sampler(axis.Value, path, Sweepable[name].PropertyType, errors) is { } draw)
            {
                samplers.Add((Prefix + name, draw));
            }
        }

        if (count is null || seed is null || samplers.Count != space.EnumerateObject().Count())
        {
            return null;
        }

        var random = new SplitMix64(seed.Value);
        return [.. Enumerable.Range(0, count.Value).Select(_ => samplers.ToDictionary(a => a.Name, a => a.Draw(random), StringComparer.Ordinal))];
    }

    /// <summary>How one swept option is drawn: uniformly from a list, or from a range (log-uniform with <c>log</c>; whole numbers for whole-number options).</summary>
    private static Func<SplitMix64, JsonElement>? Sampler(JsonElement value, string path, Type type, ValidationErrors errors)
    {
        if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0)
        {
            var choices = value.EnumerateArray().Select(v => v.Clone()).ToArray();
            return random => choices[random.NextInt(choices.Length)];
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add(path, $"'{path}' must be a range {{\"min\": …, \"max\": …, \"log\": true|false}} or a non-empty list of values.");
            return null;
        }

        var core = Nullable.GetUnderlyingType(type) ?? type;
        var whole = core == typeof(int);
        if (!whole && core != typeof(double))
        {
            errors.Add(path, $"'{path}' is not a number, so it cannot have a range: list its values instead.");
            return null;
        }

        foreach (var key in value.EnumerateObject().Where(k => !RangeKeys.Contains(k.Name, StringComparer.Ordinal)))
        {
            errors.Add($"{path}.{key.Name}", $"Unknown range key '{key.Name}'. Known: {string.Join(", ", RangeKeys)}.");
        }

        var min = Number(value, "min", path, errors);
        var max = Number(value, "max", path, errors);
        var log = Find(value, "log") is { } l ? (l.ValueKind is JsonValueKind.True or JsonValueKind.False ? l.GetBoolean() : Invalid(path + ".log", "'log' must be true or false.", errors)) : false;
        if (min is null || max is null || log is null)
        {
            return null;
        }

        if (!(min < max))
        {
            errors.Add(path, $"'{path}' needs min below max (got min {Format(min.Value)}, max {Format(max.Value)}).");
            return null;
        }

        if (log.Value && !(min > 0))
        {
            errors.Add(path, $"'{path}' is log-uniform, so min must be above 0 (got {Format(min.Value)}).");
            return null;
        }

        if (whole && (min != Math.Floor(min.Value) || max != Math.Floor(max.Value) || min < int.MinValue || max > int.MaxValue))
        {
            errors.Add(path, $"'{path}' takes whole numbers, so min and max must be whole numbers (got {Format(min.Value)} and {Format(max.Value)}).");
            return null;
        }

        var (lo, hi, isLog) = (min.Value, max.Value, log.Value);
        return random =>
        {
            var u = (random.NextUInt64() >> 11) * (1.0 / (1UL << 53));
            var x = isLog ? Math.Exp(Math.Log(lo) + (u * (Math.Log(hi) - Math.Log(lo)))) : lo + (u * (hi - lo));
            return whole
                ? JsonSerializer.SerializeToElement((int)Math.Clamp(Math.Round(x, MidpointRounding.AwayFromZero), lo, hi))
                : JsonSerializer.SerializeToElement(double.Parse(x.ToString("G4", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
        };
    }

    /// <summary>The trial's whole training options, checked as a single job's are; null (with errors) when a value does not fit.</summary>
    private static SweepTrial? Trial(int number, Dictionary<string, JsonElement> options, string section, TrainingOptions training, ValidationErrors errors)
    {
        var overrides = new JsonObject();
        foreach (var (key, value) in options)
        {
            overrides[key[Prefix.Length..]] = JsonNode.Parse(value.GetRawText());
        }

        var element = JsonSerializer.SerializeToElement(overrides);
        var bound = StrictJsonBinder.Bind(element, $"sweep.{section}.training", errors, training);
        if (bound is null)
        {
            return null;
        }

        var problems = TrainingOptionRules.Check(bound);
        foreach (var problem in problems)
        {
            errors.Add($"sweep.{section}.training.{problem.Option}", $"Trial {number}: {problem.Message}");
        }

        return problems.Count == 0 ? new SweepTrial(number, options, bound) : null;
    }

    /// <summary>The training option a swept name means (<c>training.learningRate</c> → <c>learningRate</c>), or null with the problem named.</summary>
    private static string? OptionName(string key, string path, ValidationErrors errors)
    {
        if (key.StartsWith(Prefix, StringComparison.Ordinal) && Sweepable.ContainsKey(key[Prefix.Length..]))
        {
            return JsonNamingPolicy.CamelCase.ConvertName(Sweepable[key[Prefix.Length..]].Name);
        }

        errors.Add(path, $"'{key}' cannot be swept: a sweep varies training options, named like 'training.learningRate'. Known: {string.Join(", ", Sweepable.Keys.Select(k => Prefix + k))}.");
        return null;
    }

    private static int? WholeNumber(JsonElement value, string path, int min, int max, ValidationErrors errors) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n >= min && n <= max
            ? n
            : Invalid<int>(path, $"'{path}' must be a whole number from {min} to {max} (got {Bounded(value)}).", errors);

    private static double? Number(JsonElement range, string key, string path, ValidationErrors errors)
    {
        if (Find(range, key) is not { } value)
        {
            errors.Add($"{path}.{key}", $"The range '{path}' needs '{key}'.");
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var x) && double.IsFinite(x)
            ? x
            : Invalid<double>($"{path}.{key}", $"'{path}.{key}' must be a number (got {Bounded(value)}).", errors);
    }

    private static TimeSpan? Runtime(JsonElement value, ValidationErrors errors)
    {
        if (value.ValueKind == JsonValueKind.String
            && TimeSpan.TryParseExact(value.GetString(), "c", CultureInfo.InvariantCulture, out var runtime)
            && runtime >= MinRuntime && runtime <= MaxRuntimeLimit)
        {
            return runtime;
        }

        errors.Add("sweep.maxRuntime", $"'maxRuntime' must be a duration \"hh:mm:ss\" (or \"d.hh:mm:ss\") from {MinRuntime:c} to {MaxRuntimeLimit:c}, such as \"02:00:00\" (got {Bounded(value)}).");
        return null;
    }

    private static T? Invalid<T>(string path, string message, ValidationErrors errors) where T : struct
    {
        errors.Add(path, message);
        return null;
    }

    private static bool? Invalid(string path, string message, ValidationErrors errors) => Invalid<bool>(path, message, errors);

    private static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    private static string Bounded(JsonElement value)
    {
        var raw = value.GetRawText();
        return raw.Length <= 40 ? raw : raw[..40] + "…";
    }

    private static JsonElement? Find(JsonElement root, string name) =>
        root.EnumerateObject().Where(p => string.Equals(p.Name, name, StringComparison.Ordinal)).Select(p => (JsonElement?)p.Value).FirstOrDefault();
}
