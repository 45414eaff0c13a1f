using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Platform.Modeling.Benchmarking;

namespace Platform.GpuJobRunner.Cli;

/// <summary><c>bench</c>: a quick training and inference throughput check of this machine with the chosen base model.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var baseModel = new Option<string>("--base") { DefaultValueFactory = _ => "minilm-l6" };
        var steps = new Option<int>("--steps") { DefaultValueFactory = _ => 10 };
        var command = new Command("bench", "Measure training and inference throughput here (the full comparison with ONNX Runtime lives in benchmarks/).") { baseModel, steps };
        command.SetAction(result => CommandGuard.Run(() =>
        {
            var c = CultureInfo.InvariantCulture;
            var clock = Stopwatch.StartNew();
            var figures = QuickBench.Run(result.GetValue(baseModel)!, result.GetValue(steps));
            foreach (var (name, value) in figures)
            {
                Console.WriteLine(string.Create(c, $"{name,-44} {value,12:0.0}"));
            }

            Console.WriteLine(string.Create(c, $"(measured in {clock.Elapsed.TotalSeconds:0.0} s; run ./build.sh bench for the full report)"));
            return ExitCodes.Ok;
        }));
        return command;
    }
}
