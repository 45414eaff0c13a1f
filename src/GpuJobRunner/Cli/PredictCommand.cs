using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Platform.Modeling.Serving;

namespace Platform.GpuJobRunner.Cli;

/// <summary><c>predict --model dir "text" …</c> (or one text per line on stdin).</summary>
internal static class PredictCommand
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static Command Create()
    {
        var model = new Option<DirectoryInfo>("--model") { Description = "Model package folder.", Required = true };
        var json = new Option<bool>("--json") { Description = "One JSON object per line." };
        var precision = new Option<string>("--precision") { Description = "auto (the package's measured choice), fp32 or int8.", DefaultValueFactory = _ => "auto" };
        var texts = new Argument<string[]>("texts") { Description = "Texts to classify; none: read lines from stdin.", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("predict", "Classify texts with a model package.") { model, json, precision, texts };
        command.SetAction(result => CommandGuard.Run(() =>
        {
            var inputs = result.GetValue(texts) is { Length: > 0 } given ? given : ReadStdin();
            using var predictor = Predictor.Load(result.GetValue(model)!.FullName, new PredictorOptions { Precision = result.GetValue(precision)! });
            var predictions = predictor.Predict(inputs);
            for (var i = 0; i < inputs.Length; i++)
            {
                Console.WriteLine(result.GetValue(json)
                    ? JsonSerializer.Serialize(new { text = inputs[i], predictions[i].Label, predictions[i].Labels, predictions[i].Scores }, Json)
                    : Format(inputs[i], predictions[i]));
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static string[] ReadStdin()
    {
        var lines = new List<string>();
        while (Console.In.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                lines.Add(line);
            }
        }

        return lines.Count > 0 ? [.. lines] : throw new ArgumentException("No texts given: pass them as arguments or one per line on stdin.");
    }

    private static string Format(string text, Prediction prediction)
    {
        var scores = string.Join("  ", prediction.Scores.OrderByDescending(s => s.Value).Select(s => $"{s.Key}={s.Value.ToString("0.000", CultureInfo.InvariantCulture)}"));
        var labels = prediction.Labels.Count == 0 ? "(none)" : string.Join(";", prediction.Labels);
        return $"{labels}\t{scores}\t{text}";
    }
}
