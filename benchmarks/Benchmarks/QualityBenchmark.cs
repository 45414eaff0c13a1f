using System.Diagnostics;
using System.Text;
using Platform.Modeling.FineTuning;
using Platform.Shared.Datasets;
using Platform.Shared.Training;
using static Platform.Benchmarks.ResultTable;

namespace Platform.Benchmarks;

/// <summary>
/// Model quality from default options: trains on a slice of a shared dataset and scores a held-out part the trainer
/// never sees (not the platform's own test split), with today's defaults and, on request, with the earlier head and
/// vocabulary ([CLS] pooler, base vocabulary) in the same process.
/// </summary>
internal sealed class QualityBenchmark(string sharedDatasets, ResultTable table)
{
    /// <summary>The slices: train rows, held-out rows, whether the headline is macro-F1 (multi-label) or accuracy.</summary>
    private static readonly Dictionary<string, (string File, int Train, int HeldOut)> Datasets = new(StringComparer.Ordinal)
    {
        ["sst2"] = ("sst2-train.csv", 20_000, 2_000),
        ["agnews"] = ("agnews-train.csv", 5_000, 1_000),
        ["goemotions"] = ("goemotions-ekman-train.csv", 10_000, 2_000),
        ["chnsenticorp"] = ("chnsenticorp-train.csv", 5_500, 700),
    };

    public static IReadOnlyCollection<string> Names => Datasets.Keys;

    public void Run(string name, bool withEarlierDefaults)
    {
        var (file, trainRows, heldOutRows) = Datasets[name];
        var read = DatasetReader.Read(Path.Combine(sharedDatasets, file), new DatasetOptions(), _ => 0);
        var examples = read.Dataset!.Examples.ToList();
        var random = new Random(2026);
        var order = Enumerable.Range(0, examples.Count).OrderBy(_ => random.Next()).ToList();
        var heldOut = order.Take(heldOutRows).Select(i => examples[i]).ToList();
        var train = order.Skip(heldOutRows).Take(trainRows).Select(i => examples[i]).ToList();
        var folder = Directory.CreateTempSubdirectory($"quality-{name}-").FullName;
        try
        {
            var multiLabel = read.Dataset.IsMultiLabel;
            var trainCsv = Write(Path.Combine(folder, "train.csv"), train, multiLabel);
            var heldOutCsv = Write(Path.Combine(folder, "held-out.csv"), heldOut, multiLabel);
            var variants = new List<(string Name, TrainingOptions Options)> { ("defaults", new TrainingOptions()) };
            if (withEarlierDefaults)
            {
                variants.Add(("cls pooler, base vocabulary", new TrainingOptions { Pooling = Pooling.Cls, Vocabulary = VocabularyMode.Base }));
            }

            for (var v = 0; v < variants.Count; v++)
            {
                var (variant, options) = variants[v];
                BenchmarkRunner.Progress($"Quality, {name}: {variant} ({train.Count:N0} train rows, {heldOut.Count:N0} held out)");
                var output = Path.Combine(folder, "model-" + v);
                var clock = Stopwatch.StartNew();
                var result = FineTuner.Run(new FineTuneRequest(trainCsv, output) { Training = options });
                var minutes = clock.Elapsed.TotalMinutes;
                var (summary, _, _) = PackageEvaluator.Evaluate(output, heldOutCsv);
                var section = $"6 Quality: {name}";
                var headline = multiLabel ? $"macro-F1 {Format(summary.MacroF1, "F3")}, micro-F1 {Format(summary.MicroF1, "F3")}"
                    : $"accuracy {Format(summary.Accuracy ?? 0, "F3")}, macro-F1 {Format(summary.MacroF1, "F3")}";
                var own = multiLabel ? $"macro-F1 {Format(result.Test.MacroF1, "F3")}" : $"accuracy {Format(result.Test.Accuracy ?? 0, "F3")}";
                table.Add(section, $"{variant}: held out ({heldOut.Count:N0})", headline);
                table.Add(section, $"{variant}: the platform's own test split", own);
                table.Add(section, $"{variant}: training", $"{result.Training.Steps:N0} steps, {Format(minutes, "F1")} min");
                if (result.Validation.UnknownTokens is { } unknown)
                {
                    table.Add(section, $"{variant}: [UNK] share of training tokens",
                        unknown.AddedTokens > 0 ? $"{Format(100 * unknown.UnknownRate)}% -> {Format(100 * unknown.UnknownRateAfter)}% (+{unknown.AddedTokens:N0} tokens)" : $"{Format(100 * unknown.UnknownRate)}%");
                }
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        table.Note($"Quality ({name}): {heldOutRows:N0} rows of ../shared/datasets/{file} held out (seeded shuffle 2026), {trainRows:N0} of the rest uploaded with default options; "
            + "the held-out rows are scored through the package's served graph. Targets from the held-back data that judges the platform are not reproducible here.");
    }

    private static string Write(string path, IReadOnlyList<LabeledExample> rows, bool multiLabel)
    {
        var csv = new StringBuilder(multiLabel ? "text,labels\n" : "text,label\n");
        foreach (var row in rows)
        {
            csv.Append(Quote(row.Text)).Append(',').Append(Quote(string.Join(';', row.Labels))).Append('\n');
        }

        File.WriteAllText(path, csv.ToString(), new UTF8Encoding(false));
        return path;
    }

    /// <summary>The text as it was read (no formula guard, which would change it), always quoted.</summary>
    private static string Quote(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
