namespace Platform.Modeling.Packaging;

/// <summary>Content of <c>inference.json</c>: which exported graph the predictor serves and the measurement behind the choice.</summary>
/// <param name="Precision"><c>int8</c> (<c>model.int8.onnx</c>) or <c>fp32</c> (<c>model.onnx</c>).</param>
/// <param name="Fp32Score">Validation accuracy (multi-label: subset accuracy) of the fp32 graph; null when not measured.</param>
/// <param name="Int8Score">The same for the int8 graph, or null when it was not measured (then fp32 is served).</param>
public sealed record InferencePrecision(string Precision, double? Fp32Score, double? Int8Score)
{
    public const string Fp32 = "fp32";
    public const string Int8 = "int8";

    /// <summary>int8 is served only when it keeps validation accuracy within this much of fp32 (half a point).</summary>
    public const double Tolerance = 0.005;

    /// <summary>What was measured decides: int8 when it stays within <see cref="Tolerance"/> of fp32, else fp32.</summary>
    public static InferencePrecision Decide(double fp32, double? int8) =>
        new(int8 is { } q && fp32 - q <= Tolerance ? Int8 : Fp32, fp32, int8);

    /// <summary>Nothing measured (a package exported after training, without its validation split): fp32.</summary>
    public static InferencePrecision Unmeasured { get; } = new(Fp32, null, null);
}
