using System.Diagnostics;
using Platform.Modeling.FineTuning;
using Platform.Modeling.Serving;
using Platform.Shared.Training;
using static Platform.Benchmarks.ResultTable;

namespace Platform.Benchmarks;

/// <summary>
/// Accuracy of the training-step variants on a real split: the built-in MiniLM fine-tuned on the first rows of SST-2
/// (FineTuner, the runner's path, the same split and seed for every variant) with the word embedding updated densely,
/// lazily or not at all, and in bf16 where this CPU computes it natively (emulated bf16 is about a hundred times slower
/// than fp32 here, so it is skipped rather than left to run for hours).
/// </summary>
internal sealed class StepQualityBenchmark(string sharedDatasets, ResultTable table, int rows)
{
    public void Run()
    {
        var folder = Directory.CreateTempSubdirectory("step-quality-").FullName;
        try
        {
            var csv = Path.Combine(folder, "sst2.csv");
            File.WriteAllLines(csv, File.ReadLines(Path.Combine(sharedDatasets, "sst2-train.csv")).Take(rows + 1));
            var variants = new List<(string Name, TrainingOptions Options)>
            {
                ("fp32, embedding dense", Options(TrainingPrecision.Fp32, EmbeddingUpdate.Dense)),
                ("fp32, embedding lazy", Options(TrainingPrecision.Fp32, EmbeddingUpdate.Lazy)),
                ("fp32, embedding frozen", Options(TrainingPrecision.Fp32, EmbeddingUpdate.Frozen)),
            };
            if (CpuFeatures.SupportsBf16)
            {
                variants.Add(("bf16, embedding lazy", Options(TrainingPrecision.Bf16, EmbeddingUpdate.Lazy)));
            }

            const string Section = "8 Training-step variants on SST-2 (MiniLM, 1 epoch)";
            double? baseline = null;
            var accuracies = new Dictionary<(TrainingPrecision, EmbeddingUpdate), double>();
            foreach (var (name, options) in variants)
            {
                BenchmarkRunner.Progress($"Step quality: {name} ({rows:N0} rows)");
                var clock = Stopwatch.StartNew();
                var result = FineTuner.Run(new FineTuneRequest(csv, Path.Combine(folder, name.Replace(", ", "-", StringComparison.Ordinal).Replace(' ', '-')))
                {
                    Training = options,
                });
                var accuracy = result.Training.History.Max(h => h.Accuracy);
                baseline ??= accuracy;
                accuracies[(options.Precision, options.EmbeddingUpdate)] = accuracy;
                var validation = $"{Format(accuracy, "F4")} ({Format(100 * (accuracy - baseline.Value), "+0.00;-0.00")} pt) / {Format(result.Test.Accuracy ?? 0, "F4")}";
                if (options.Precision == TrainingPrecision.Bf16)
                {
                    // Against fp32 with the same embedding update: the precision is the only difference.
                    var fp32 = accuracies[(TrainingPrecision.Fp32, options.EmbeddingUpdate)];
                    var gap = 100 * (accuracy - fp32);
                    table.Add(Section, $"{name}: best validation accuracy / test accuracy", $"{validation}; {Format(gap, "+0.00;-0.00")} pt against fp32",
                        "within 0.3 pt of fp32", Math.Abs(gap) <= 0.3);
                }
                else
                {
                    table.Add(Section, $"{name}: best validation accuracy / test accuracy", validation);
                }

                table.Add(Section, $"{name}: training", $"{result.Training.Steps:N0} steps, {Format(clock.Elapsed.TotalSeconds, "F0")} s, {Format(result.Training.SequencesPerSecond)} sequences/s");
            }

            table.Note($"Step variants: the first {rows:N0} rows of sst2-train.csv, the platform's 80/10/10 split (seed 42), 1 epoch at learning rate 1e-4, max length 64, vocabulary base. "
                + (CpuFeatures.SupportsBf16 ? "" : "bf16 is not native on this CPU (no avx512_bf16 or amx_bf16), so the bf16 run is not made here."));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static TrainingOptions Options(TrainingPrecision precision, EmbeddingUpdate embedding) => new()
    {
        Epochs = 1, LearningRate = 1e-4, MaxLength = 64, Vocabulary = VocabularyMode.Base, Precision = precision, EmbeddingUpdate = embedding, Device = "cpu",
    };
}
