namespace Platform.GpuJobRunner.Tests;

public sealed class CliWorkflowTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("runner-workflow-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void TrainPredictEvaluate_TinyModel_WorkEndToEndWithPlainOutput()
    {
        var csv = Path.Combine(_directory, "data.csv");
        var rows = Enumerable.Range(0, 60).Select(i => i % 2 == 0 ? $"a truly great film number {i},positive" : $"an awful boring film number {i},negative");
        File.WriteAllLines(csv, ["text,label", .. rows]);
        var model = Path.Combine(_directory, "model");

        var (trainCode, trainOutput, trainError) = RunnerProcess.Run(null, "train", "--data", csv, "--base", "tiny-random", "--out", model, "--epochs", "1", "--max-steps", "3", "--batch-size", "8");
        Assert.True(trainCode == 0, trainError);
        Assert.Contains("Dataset accepted", trainOutput, StringComparison.Ordinal);
        Assert.Contains("macro-F1", trainOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", trainOutput, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(model, "manifest.json")));

        var (predictCode, predictOutput, _) = RunnerProcess.Run(null, "predict", "--model", model, "what a great film", "so boring");
        Assert.Equal(0, predictCode);
        var lines = predictOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, l => Assert.Matches("^(positive|negative)\t", l));

        var (stdinCode, stdinOutput, _) = RunnerProcess.Run("first line\nsecond line\n", "predict", "--model", model, "--json");
        Assert.Equal(0, stdinCode);
        Assert.Equal(2, stdinOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("\"scores\"", stdinOutput, StringComparison.Ordinal);

        var (evaluateCode, evaluateOutput, evaluateError) = RunnerProcess.Run(null, "evaluate", "--model", model, "--data", csv);
        Assert.True(evaluateCode == 0, evaluateError);
        Assert.Contains("n=60", evaluateOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_PackageMadeBeforeOnnxExports_PredictNamesTheCommandWhichThenAddsThem()
    {
        var csv = Path.Combine(_directory, "data.csv");
        File.WriteAllLines(csv, ["text,label", .. Enumerable.Range(0, 40).Select(i => i % 2 == 0 ? $"great film {i},positive" : $"boring film {i},negative")]);
        var model = Path.Combine(_directory, "model");
        var (trainCode, _, trainError) = RunnerProcess.Run(null, "train", "--data", csv, "--base", "tiny-random", "--out", model, "--max-steps", "2", "--batch-size", "8");
        Assert.True(trainCode == 0, trainError);
        TestSupport.PackageWithoutOnnx.Make(model);

        var (refusedCode, _, refused) = RunnerProcess.Run(null, "predict", "--model", model, "great");
        Assert.Equal(2, refusedCode);
        Assert.Contains("has no model.onnx", refused, StringComparison.Ordinal);
        Assert.Contains($"`runner export --model {model}`", refused, StringComparison.Ordinal);

        var (exportCode, exportOutput, exportError) = RunnerProcess.Run(null, "export", "--model", model);
        Assert.True(exportCode == 0, exportError);
        Assert.Contains("model.int8.onnx:", exportOutput, StringComparison.Ordinal);

        var (predictCode, predictOutput, predictError) = RunnerProcess.Run(null, "predict", "--model", model, "great");
        Assert.True(predictCode == 0, predictError);
        Assert.Matches("^(positive|negative)\t", predictOutput);
        var (int8Code, _, int8Error) = RunnerProcess.Run(null, "predict", "--model", model, "--precision", "int8", "great");
        Assert.True(int8Code == 0, int8Error);
    }
}
