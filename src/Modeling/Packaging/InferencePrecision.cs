namespace Platform.Modeling.Packaging;

/// <summary>Content of <c>inference.json</c>: the precision the predictor should use and the measurement behind the choice.</summary>
/// <param name="Precision"><c>bf16</c> or <c>fp32</c>.</param>
/// <param name="Fp32Score">Validation accuracy (multi-label: subset accuracy) in fp32.</param>
/// <param name="Bf16Score">The same in bf16, or null when bf16 was not measured.</param>
public sealed record InferencePrecision(string Precision, double Fp32Score, double? Bf16Score)
{
    public const string Fp32 = "fp32";
    public const string Bf16 = "bf16";
}
