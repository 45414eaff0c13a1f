namespace Platform.Modeling.Training;

/// <summary>A tokenized example: token ids with [CLS]/[SEP], and the indices of its labels.</summary>
public sealed record EncodedExample(int[] InputIds, int[] Labels);
