using System.Security.Cryptography;
using Platform.Shared.Datasets;

namespace Platform.Modeling.FineTuning;

/// <summary>
/// The main job end to end: from a CSV (validate, dedupe, split) or from splits prepared earlier, then
/// tokenize, fine-tune the base model, score the held-out test split with the best weights, choose the
/// serving precision, and write the package.
/// </summary>
public static class FineTuner
{
    /// <summary>From an uploaded CSV: validates and splits it here.</summary>
    public static FineTuneResult Run(FineTuneRequest request, IProgress<FineTuneProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        FineTuneCore.ValidateOptions(request.Training, request.Dataset);

        progress?.Report(new FineTuneProgress("loading"));
        var (baseModel, tokenizer, maxLength) = FineTuneCore.Load(request.BaseModel, request.Training);

        progress?.Report(new FineTuneProgress("validating"));
        var datasetOptions = request.Dataset with { MaxTokens = maxLength - 2 };
        var read = DatasetReader.Read(request.DataPath, datasetOptions, tokenizer.CountTokens);
        if (read.Dataset is null)
        {
            throw new DatasetRejectedException(read.Report);
        }

        var splits = DatasetSplitter.Split(read.Dataset, request.Split);
        var run = new PreparedRun(baseModel, tokenizer, maxLength, splits, Sha256(request.DataPath), request.Training,
            request.OutputDirectory, request.CheckpointDirectory, request.CheckpointSaved);
        return FineTuneCore.TrainAndPackage(run, read.Report, progress, cancellationToken);
    }

    /// <summary>From train/validation/test splits validated earlier (the pipeline's prepared data); checks they can be trained on.</summary>
    public static FineTuneResult RunOnSplits(SplitsFineTuneRequest request, IProgress<FineTuneProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        FineTuneCore.ValidateOptions(request.Training);
        SplitsCheck.ThrowIfUnusable(request.Splits);

        progress?.Report(new FineTuneProgress("loading"));
        var (baseModel, tokenizer, maxLength) = FineTuneCore.Load(request.BaseModel, request.Training);
        var run = new PreparedRun(baseModel, tokenizer, maxLength, request.Splits, request.DatasetSha256, request.Training,
            request.OutputDirectory, request.CheckpointDirectory, request.CheckpointSaved);
        return FineTuneCore.TrainAndPackage(run, new ValidationReport(), progress, cancellationToken);
    }

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
