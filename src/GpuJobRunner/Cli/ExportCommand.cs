using System.CommandLine;
using System.Globalization;
using Platform.Modeling.Packaging;

namespace Platform.GpuJobRunner.Cli;

/// <summary><c>export --model dir</c>: adds the ONNX graphs (fp32 and int8) to a package made before packages carried them.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var model = new Option<DirectoryInfo>("--model") { Description = "Model package folder (verified first, re-sealed after).", Required = true };
        var command = new Command("export", $"Add {ModelPackage.OnnxFile} and {ModelPackage.OnnxInt8File} to a model package; it then serves {ModelPackage.OnnxFile} (fp32).") { model };
        command.SetAction(result => CommandGuard.Run(() =>
        {
            var directory = result.GetValue(model)!.FullName;
            ModelPackage.AddOnnxExports(directory);
            foreach (var file in new[] { ModelPackage.OnnxFile, ModelPackage.OnnxInt8File })
            {
                var size = new FileInfo(Path.Combine(directory, file)).Length / 1e6;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{file}: {size:0.0} MB"));
            }

            Console.WriteLine("serving precision fp32 (int8 is chosen only by training, which measures it on the validation split)");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
