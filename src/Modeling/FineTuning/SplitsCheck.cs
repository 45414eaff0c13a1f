using Platform.Shared.Datasets;

namespace Platform.Modeling.FineTuning;

/// <summary>Rejects prepared splits that cannot be trained on, with a message that names the split and line.</summary>
internal static class SplitsCheck
{
    public static void ThrowIfUnusable(DatasetSplits splits)
    {
        ArgumentNullException.ThrowIfNull(splits);
        var labels = splits.Train.Labels;
        if (labels.Count < 2)
        {
            throw new DatasetRejectedException($"The splits have {labels.Count} label(s); at least two classes are needed.");
        }

        foreach (var (name, split) in new[] { ("train", splits.Train), ("validation", splits.Validation), ("test", splits.Test) })
        {
            if (split.Examples.Count == 0)
            {
                throw new DatasetRejectedException($"The {name} split has no examples.");
            }

            if (!split.Labels.SequenceEqual(labels, StringComparer.Ordinal) || split.IsMultiLabel != splits.Train.IsMultiLabel)
            {
                throw new DatasetRejectedException($"The {name} split does not share the train split's label vocabulary.");
            }

            var bad = split.Examples.FirstOrDefault(e => string.IsNullOrWhiteSpace(e.Text) || (e.Labels.Count == 0 && !split.IsMultiLabel));
            if (bad is not null)
            {
                throw new DatasetRejectedException($"The {name} split has an example with empty text or no label (line {bad.Line}).");
            }
        }
    }
}
