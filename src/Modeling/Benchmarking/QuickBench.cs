using Platform.Shared.Training;
using System.Diagnostics;
using Platform.Modeling.BaseModels;
using Platform.Modeling.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Modeling.Benchmarking;

/// <summary>A short throughput check: training steps at batch 32 × 128 tokens, batched inference, single-text latency.</summary>
public static class QuickBench
{
    public static IReadOnlyList<(string Name, double Value)> Run(string baseModelName, int steps)
    {
        var baseModel = BaseModelResolver.Resolve(baseModelName);
        var device = DeviceSelector.Resolve("auto");
        var (model, _) = ClassifierFactory.Create(baseModel, labelCount: 2, seed: 1);
        using (model)
        {
            model.to(device);
            var generator = new Random(1);
            var batch = Enumerable.Range(0, 32)
                .Select(i => new EncodedExample([.. Enumerable.Range(0, 128).Select(_ => generator.Next(1000, baseModel.Config.VocabSize))], [i % 2]))
                .ToArray();
            var data = new EncodedDataset(batch, ["a", "b"], IsMultiLabel: false);
            var options = new TrainingOptions { Epochs = steps + 2, LearningRate = 5e-5, BatchSize = 32, EarlyStoppingPatience = 0, Device = device.type == DeviceType.CUDA ? "cuda" : "cpu" };

            var warm = new Trainer(options with { MaxSteps = 2 }, padId: 0).Train(model, data, data);
            var clock = Stopwatch.StartNew();
            var timed = new Trainer(options with { MaxSteps = steps }, padId: 0).Train(model, data, data);
            var trainSeconds = clock.Elapsed.TotalSeconds;
            _ = warm;

            var sequences = batch.Select(e => e.InputIds).ToArray();
            ModelScorer.Probabilities(model, sequences, 32, 0, false, device);
            clock.Restart();
            var rounds = Math.Max(1, steps / 2);
            for (var r = 0; r < rounds; r++)
            {
                ModelScorer.Probabilities(model, sequences, 32, 0, false, device);
            }

            var inferenceSeconds = clock.Elapsed.TotalSeconds;
            var latencies = new List<double>();
            int[][] single = [sequences[0][..24]];
            for (var i = 0; i < 50; i++)
            {
                clock.Restart();
                ModelScorer.Probabilities(model, single, 1, 0, false, device);
                latencies.Add(clock.Elapsed.TotalMilliseconds);
            }

            latencies.Sort();
            var trainSequences = timed.Steps * 32.0;
            return
            [
                ("training sequences/s (batch 32, length 128)", trainSequences / trainSeconds),
                ("training tokens/s", trainSequences * 128 / trainSeconds),
                ("inference sequences/s (batch 32, length 128)", rounds * 32 / inferenceSeconds),
                ("single text (24 tokens) p50 latency, ms", latencies[latencies.Count / 2]),
            ];
        }
    }
}
