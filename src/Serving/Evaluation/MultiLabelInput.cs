namespace Platform.Modeling.Evaluation;

/// <summary>Checks that multi-label truths and probabilities form two samples × labels tables of one shape.</summary>
internal static class MultiLabelInput
{
    public static void Validate(IReadOnlyList<bool[]> actual, IReadOnlyList<float[]> probabilities, int labelCount)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(probabilities);
        if (actual.Count != probabilities.Count)
        {
            throw new ArgumentException(
                $"There are {actual.Count} label sets but {probabilities.Count} probability rows; they must pair up.", nameof(probabilities));
        }

        for (var i = 0; i < actual.Count; i++)
        {
            if (actual[i]?.Length != labelCount || probabilities[i]?.Length != labelCount)
            {
                throw new ArgumentException(
                    $"Sample {i} has {actual[i]?.Length ?? 0} actual and {probabilities[i]?.Length ?? 0} predicted labels; expected {labelCount} of each.",
                    nameof(actual));
            }
        }
    }
}
