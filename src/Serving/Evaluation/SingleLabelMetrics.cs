namespace Platform.Modeling.Evaluation;

/// <summary>Accuracy, precision, recall, F1 and the confusion matrix of a single-label classifier.</summary>
public static class SingleLabelMetrics
{
    /// <summary>Scores <paramref name="predicted"/> class indices against <paramref name="actual"/> ones.</summary>
    /// <param name="actual">The true class of each sample, as an index into <paramref name="labels"/>.</param>
    /// <param name="predicted">The predicted class of each sample, as an index into <paramref name="labels"/>.</param>
    /// <param name="labels">The class names; every class is reported, even one that never occurs.</param>
    /// <remarks>
    /// Ratios with a zero denominator are 0 (scikit-learn's <c>zero_division=0</c>). Since every sample has exactly
    /// one actual and one predicted class, micro precision, recall and F1 all equal the accuracy.
    /// </remarks>
    public static ClassificationReport Compute(IReadOnlyList<int> actual, IReadOnlyList<int> predicted, IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(labels);
        if (actual.Count != predicted.Count)
        {
            throw new ArgumentException(
                $"There are {actual.Count} actual classes but {predicted.Count} predictions; they must pair up.", nameof(predicted));
        }

        var matrix = BuildConfusionMatrix(actual, predicted, labels.Count);
        var perClass = new ClassScores[labels.Count];
        var total = default(ConfusionCounts);
        long correct = 0;
        for (var k = 0; k < labels.Count; k++)
        {
            var counts = CountsOf(matrix, k);
            perClass[k] = counts.ToClassScores(labels[k]);
            total += counts;
            correct += matrix[k][k];
        }

        return new ClassificationReport(
            Accuracy: ConfusionCounts.Ratio(correct, actual.Count),
            Macro: Averaging.Macro(perClass),
            Micro: total.ToAveragedScores(),
            Weighted: Averaging.Weighted(perClass),
            PerClass: perClass,
            ConfusionMatrix: matrix,
            Labels: [.. labels],
            Count: actual.Count);
    }

    private static int[][] BuildConfusionMatrix(IReadOnlyList<int> actual, IReadOnlyList<int> predicted, int classCount)
    {
        var matrix = new int[classCount][];
        for (var k = 0; k < classCount; k++)
        {
            matrix[k] = new int[classCount];
        }

        for (var i = 0; i < actual.Count; i++)
        {
            matrix[CheckedClass(actual[i], classCount, i, nameof(actual))][CheckedClass(predicted[i], classCount, i, nameof(predicted))]++;
        }

        return matrix;
    }

    private static int CheckedClass(int value, int classCount, int sample, string parameter) =>
        value >= 0 && value < classCount
            ? value
            : throw new ArgumentOutOfRangeException(
                parameter, value, $"Sample {sample} has class {value}, but there are only {classCount} labels (0..{classCount - 1}).");

    private static ConfusionCounts CountsOf(int[][] matrix, int k)
    {
        long predictedAsK = 0;
        long actuallyK = 0;
        for (var j = 0; j < matrix.Length; j++)
        {
            predictedAsK += matrix[j][k];
            actuallyK += matrix[k][j];
        }

        long truePositives = matrix[k][k];
        return new ConfusionCounts(truePositives, predictedAsK - truePositives, actuallyK - truePositives);
    }
}
