namespace Platform.GpuJobRunner.Tests;

public sealed class CliBadInputTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("runner-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Train_CsvWithoutTheTextColumn_ExitsWith2AndNamesTheColumnsFound()
    {
        var csv = Write("reviews.csv", "review,stars\ngood,5\nbad,1\n");
        var (code, _, error) = RunnerProcess.Run(null, "train", "--data", csv, "--base", "tiny-random", "--out", Path.Combine(_directory, "m"));
        Assert.Equal(2, code);
        Assert.Contains("text", error, StringComparison.Ordinal);
        Assert.Contains("review", error, StringComparison.Ordinal);
        Assert.Contains("stars", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_BinaryFile_ExitsWith2AndSaysItIsNotText()
    {
        var path = Path.Combine(_directory, "image.csv");
        File.WriteAllBytes(path, [.. "text,label\nok,a\n"u8, 0x89, 0x50, 0x4E, 0x47, 0x00, 0x1A, (byte)'\n']);
        var (code, _, error) = RunnerProcess.Run(null, "train", "--data", path, "--base", "tiny-random", "--out", Path.Combine(_directory, "m"));
        Assert.Equal(2, code);
        Assert.Contains("line 3", error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Train_UnknownBaseModel_ExitsWith2()
    {
        var csv = Write("ok.csv", "text,label\na,x\nb,y\n");
        var (code, _, error) = RunnerProcess.Run(null, "train", "--data", csv, "--base", "no-such-model", "--out", Path.Combine(_directory, "m"));
        Assert.Equal(2, code);
        Assert.Contains("no-such-model", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Predict_MissingPackage_ExitsWith2AndNamesTheFolder()
    {
        var (code, _, error) = RunnerProcess.Run(null, "predict", "--model", Path.Combine(_directory, "nothing"), "hello");
        Assert.Equal(2, code);
        Assert.Contains(Path.Combine(_directory, "nothing"), error, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_InvalidOption_ExitsWith2()
    {
        var (code, _, error) = RunnerProcess.Run(null, "train", "--epochs", "many");
        Assert.Equal(2, code);
        Assert.Contains("--epochs", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_ZeroEpochs_ExitsWith2WithTheReason()
    {
        var csv = Write("ok.csv", "text,label\na,x\nb,y\n");
        var (code, _, error) = RunnerProcess.Run(null, "train", "--data", csv, "--epochs", "0", "--base", "tiny-random", "--out", Path.Combine(_directory, "m"));
        Assert.Equal(2, code);
        Assert.Contains("epochs must be at least 1", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_NegativeMaxSteps_ExitsWith2NamingTheFlagWithTheApisMessage()
    {
        var csv = Write("ok.csv", "text,label\na,x\nb,y\n");
        var (code, _, error) = RunnerProcess.Run(null, "train", "--data", csv, "--max-steps", "-5", "--base", "tiny-random", "--out", Path.Combine(_directory, "m"));
        Assert.Equal(2, code);
        Assert.Contains("error: --max-steps: maxSteps must be 0 (no limit) or more (got -5).", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_directory, "m")));
    }

    [Theory]
    [InlineData("--epochs", "101", "epochs must be at most 100 (got 101).")]
    [InlineData("--lr", "2", "learningRate must be in (0, 1] (got 2).")]
    [InlineData("--batch-size", "4096", "batchSize must be at most 1024 (got 4096).")]
    [InlineData("--max-length", "1024", "maxLength must be between 8 and 512 (got 1024).")]
    [InlineData("--eval-steps", "-1", "evaluateEverySteps must be 0 (each epoch) or more (got -1).")]
    [InlineData("--min-rows", "1", "minRows must be at least 2 (got 1).")]
    [InlineData("--text-column", " ", "textColumn must name a column.")]
    public void Train_OptionOutOfTheApisRange_ExitsWith2NamingTheFlag(string flag, string value, string message)
    {
        var csv = Write("ok.csv", "text,label\na,x\nb,y\n");
        var (code, _, error) = RunnerProcess.Run(null, "train", "--data", csv, flag, value, "--base", "tiny-random", "--out", Path.Combine(_directory, "m"));
        Assert.Equal(2, code);
        Assert.Contains($"error: {flag}: {message}", error, StringComparison.Ordinal);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }
}
