using System.CommandLine;
using Platform.Modeling.FineTuning;

namespace Platform.GpuJobRunner.Cli;

/// <summary><c>evaluate --model dir --data file.csv</c>: scores a package on labelled data.</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var model = new Option<DirectoryInfo>("--model") { Description = "Model package folder.", Required = true };
        var data = new Option<FileInfo>("--data") { Description = "Labelled CSV in the training format.", Required = true };
        var command = new Command("evaluate", "Score a model package on a labelled CSV.") { model, data };
        command.SetAction(result => CommandGuard.Run(() =>
        {
            var (summary, report, _) = PackageEvaluator.Evaluate(result.GetValue(model)!.FullName, result.GetValue(data)!.FullName);
            Console.WriteLine(report);
            Console.WriteLine(ResultPrinter.Summary(summary));
            return ExitCodes.Ok;
        }));
        return command;
    }
}
