using Platform.Shared.Datasets;

namespace Platform.Pipeline.Scoring;

/// <summary>
/// The <c>scoring</c> part of a scoring job's view, its custom status and its report (<c>jobs/{id}/scoring.json</c>):
/// the model and version scoring, where the input and output are, chunks and rows scored so far, and the first row
/// errors (each naming its line).
/// </summary>
public sealed record ScoringProgress(
    string Model,
    string? Version,
    string InputContainer,
    string InputBlob,
    string OutputContainer,
    string OutputBlob,
    int Chunks,
    int ChunksScored,
    long RowsScored,
    IReadOnlyList<DatasetError>? Errors = null)
{
    public static ScoringProgress Of(ScoringInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new(input.Model, input.Version, input.InputContainer, input.InputBlob, input.OutputContainer, input.OutputBlob, 0, 0, 0);
    }

    /// <summary>How far the job is, in percent of its chunks; null before it is planned.</summary>
    public double? Percent => Chunks > 0 ? Math.Round(100.0 * ChunksScored / Chunks, 1) : null;
}
