using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Platform.Pipeline.Handlers;
using Platform.Pipeline.Handlers.Uploads;

namespace Platform.DevHost.Demo;

/// <summary>
/// <c>--demo file.csv</c>: the main job end to end on this machine. Uploads the CSV (with its options)
/// to <c>datasets</c> exactly as a user would, lets the watcher start the job, follows it through the
/// same HTTP routes a client uses, and predicts a few texts when the model is published.
/// </summary>
internal static class DemoRun
{
    private static readonly string[] Texts = ["a gripping, beautifully acted film", "a dull and lifeless mess", "not bad at all"];

    /// <summary>The demo prints its own progress; spans and metrics on the console would bury it.</summary>
    public static IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?> { [Platform.Shared.Telemetry.PlatformOpenTelemetry.ConsoleKey] = "false" };

    public static bool Requested(string[] args, out string csv)
    {
        var index = Array.IndexOf(args, "--demo");
        csv = index >= 0 && index + 1 < args.Length ? args[index + 1] : "";
        return index >= 0;
    }

    public static async Task<int> RunAsync(WebApplication app, string csv)
    {
        if (!File.Exists(csv))
        {
            await Console.Error.WriteLineAsync($"error: {csv} does not exist.");
            return 2;
        }

        await app.StartAsync();
        try
        {
            var model = DatasetUploadHandler.ModelFromPath(Path.GetFileName(csv));
            var containers = app.Services.GetRequiredService<HandlerContainers>();
            await containers.Datasets.CreateIfNotExistsAsync();
            using var http = new HttpClient { BaseAddress = new Uri(Address(app)) };
            var before = await JobIdsAsync(http, model);
            var options = new { training = new { epochs = 1, learningRate = 1e-4, maxLength = 64, batchSize = 32 } };
            await containers.Datasets.GetBlobClient($"{model}.options.json").UploadAsync(BinaryData.FromObjectAsJson(options), overwrite: true);
            await using (var stream = File.OpenRead(csv))
            {
                await containers.Datasets.GetBlobClient($"{model}.csv").UploadAsync(stream, overwrite: true);
            }

            Console.WriteLine($"uploaded {csv} as datasets/{model}.csv (options in datasets/{model}.options.json)");
            var jobId = await WaitForJobAsync(http, model, before);
            Console.WriteLine($"job {jobId} started; following GET /api/jobs/{jobId} (in a browser: {Address(app).TrimEnd('/')}/api/console/#/jobs/{jobId})");
            var final = await FollowAsync(http, jobId);
            if (final != "completed")
            {
                await Console.Error.WriteLineAsync($"job ended {final}; see GET /api/jobs/{jobId} for the reason.");
                return 1;
            }

            using var answer = await http.PostAsJsonAsync($"/api/models/{model}/predict", new { texts = Texts });
            Console.WriteLine($"POST /api/models/{model}/predict → {(int)answer.StatusCode}");
            if (!answer.IsSuccessStatusCode)
            {
                Console.WriteLine(await answer.Content.ReadAsStringAsync());
                return 1;
            }

            PrintPredictions(await answer.Content.ReadFromJsonAsync<JsonElement>());
            return 0;
        }
        finally
        {
            await app.StopAsync();
        }
    }

    private static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    /// <summary>The model's job ids, newest first, as a user finds them: <c>GET /api/jobs?model=</c>.</summary>
    private static async Task<List<string>> JobIdsAsync(HttpClient http, string model)
    {
        using var list = JsonDocument.Parse(await http.GetStringAsync($"/api/jobs?model={model}&top=100"));
        return [.. list.RootElement.GetProperty("jobs").EnumerateArray().Select(job => job.GetProperty("id").GetString()!)];
    }

    /// <summary>
    /// The job the upload started: a new id in the model's list. When none appears, the same bytes and options were
    /// uploaded before and the watcher's hand-over found that job: the newest one is it.
    /// </summary>
    private static async Task<string> WaitForJobAsync(HttpClient http, string model, IReadOnlyCollection<string> before)
    {
        for (var i = 0; i < 20; i++)
        {
            if ((await JobIdsAsync(http, model)).FirstOrDefault(id => !before.Contains(id)) is { } started)
            {
                return started;
            }

            await Task.Delay(500);
        }

        return (await JobIdsAsync(http, model)).FirstOrDefault()
            ?? throw new TimeoutException("The upload did not start a job within ten seconds; see the warnings above.");
    }

    private static async Task<string> FollowAsync(HttpClient http, string jobId)
    {
        var last = "";
        while (true)
        {
            using var response = await http.GetAsync($"/api/jobs/{jobId}");
            using var status = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var root = status.RootElement;

            // Until the orchestrator sets its first custom status the view has no phase (nulls are omitted).
            var phase = root.TryGetProperty("phase", out var value) ? value.GetString() ?? "starting" : "starting";
            var line = Describe(phase, root);
            if (line != last)
            {
                Console.WriteLine(line);
                last = line;
            }

            if (root.TryGetProperty("terminal", out var terminal) && terminal.GetBoolean())
            {
                return phase;
            }

            await Task.Delay(2000);
        }
    }

    private static string Describe(string phase, JsonElement root)
    {
        // The runner's heartbeat: epoch and step, loss, throughput, time left and validation so far.
        if (!root.TryGetProperty("progress", out var progress) || progress.ValueKind != JsonValueKind.Object || phase is not ("queued" or "training"))
        {
            return $"  {phase}";
        }

        var c = CultureInfo.InvariantCulture;
        var line = new System.Text.StringBuilder(string.Create(c, $"  {phase,-10}"));
        var runner = progress.TryGetProperty("phase", out var r) ? r.GetString() : null;
        if (runner is not null && runner != "training")
        {
            line.Append(c, $" runner {runner}");
        }

        if (Number(progress, "epochs") is { } epochs && epochs > 0 && Number(progress, "epoch") is > 0)
        {
            line.Append(c, $" epoch {Number(progress, "epoch"):0}/{epochs:0}");
        }

        if (Number(progress, "totalSteps") is { } total && total > 0)
        {
            line.Append(c, $"  step {Number(progress, "step"):0}/{total:0}");
        }

        line.Append(c, $" ({Number(progress, "percent") ?? 0:0}%)");
        if (Number(progress, "loss") is { } loss)
        {
            line.Append(c, $"  loss {loss:0.000}");
        }

        if (Number(progress, "sequencesPerSecond") is { } speed)
        {
            line.Append(c, $"  {speed:0.0} seq/s");
        }

        if (Number(progress, "etaSeconds") is { } eta)
        {
            line.Append(c, $"  ETA {TimeSpan.FromSeconds(Math.Round(eta)):m\\:ss}");
        }

        if (Number(progress, "bestValidationMacroF1") is { } f1)
        {
            line.Append(c, $"  best validation macro-F1 {f1:0.000}");
        }

        return line.ToString();
    }

    private static double? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    /// <summary>One line per text: the label, its probability and the text, then where the model card is.</summary>
    private static void PrintPredictions(JsonElement answer)
    {
        var c = CultureInfo.InvariantCulture;
        var model = answer.GetProperty("model").GetString();
        var version = answer.GetProperty("version").GetString();
        Console.WriteLine($"predictions of {model} version {version}:");
        var i = 0;
        foreach (var prediction in answer.GetProperty("predictions").EnumerateArray())
        {
            var label = prediction.GetProperty("label").GetString() ?? "";
            var score = prediction.GetProperty("scores").TryGetProperty(label, out var s) ? s.GetDouble() : double.NaN;
            Console.WriteLine(string.Create(c, $"  {label,-10} {score:0.000}  {Texts[i++]}"));
        }

        Console.WriteLine($"model card: models/{model}/{version}/card.html (GET /api/models/{model} lists its versions)");
    }
}
