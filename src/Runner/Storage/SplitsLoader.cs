using System.Security.Cryptography;
using System.Text.Json;
using Platform.Modeling.FineTuning;
using Platform.Shared.Datasets;
using Platform.Shared.Jobs;

namespace Platform.Runner.Storage;

/// <summary>
/// Reads <c>jobs/{id}/data/{train,validation,test}.jsonl</c> into splits that share one label vocabulary
/// (all labels seen, sorted ordinal, as the CSV reader orders them). Missing or malformed splits are
/// rejected as bad data, naming the blob.
/// </summary>
internal sealed class SplitsLoader(JobStorage storage)
{
    public async Task<(DatasetSplits Splits, string Sha256)> LoadAsync(TrainingJobRequested job, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var parts = new List<List<LabeledExample>>();
        foreach (var split in new[] { SplitNames.Train, SplitNames.Validation, SplitNames.Test })
        {
            var name = JobBlobs.Split(job.DataFrom, split);
            var content = await storage.DownloadAsync(name, cancellationToken)
                ?? throw new DatasetRejectedException($"The prepared split {storage.Container.Name}/{name} does not exist.");
            hash.AppendData(content.ToMemory().Span);
            parts.Add(Parse($"{storage.Container.Name}/{name}", content));
        }

        var labels = parts.SelectMany(p => p).SelectMany(e => e.Labels).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        // The JSONL does not say whether the problem is multi-label; the job's options do when set explicitly.
        var multiLabel = job.Dataset?.MultiLabel ?? parts.SelectMany(p => p).Any(e => e.Labels.Count != 1);
        LabeledDataset Dataset(int i) => new(parts[i], labels, multiLabel);
        return (new DatasetSplits(Dataset(0), Dataset(1), Dataset(2)), Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static List<LabeledExample> Parse(string name, BinaryData content)
    {
        List<LabeledExample> examples;
        try
        {
            using var stream = content.ToStream();
            examples = ExampleJsonl.Read(stream);
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or NotSupportedException)
        {
            throw new DatasetRejectedException($"The prepared split {name} is not valid JSON lines: {ex.Message}", ex);
        }

        var bad = examples.FindIndex(e => e.Text is null || e.Labels is null || e.Labels.Any(l => l is null));
        return bad < 0 ? examples : throw new DatasetRejectedException($"The prepared split {name} has an example without text or labels (JSON line {bad + 1}).");
    }
}
