using System.CommandLine;

namespace Platform.GpuJobRunner.Cli;

/// <summary>The command tree: train, evaluate, predict, export, bench, serve.</summary>
internal static class RunnerCli
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Fine-tunes BERT-family text classifiers with TorchSharp, evaluates them and serves predictions.")
        {
            TrainCommand.Create(),
            EvaluateCommand.Create(),
            PredictCommand.Create(),
            ExportCommand.Create(),
            BenchCommand.Create(),
            ServeCommand.Create(),
        };
        return root;
    }
}
