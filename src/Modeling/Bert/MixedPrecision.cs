using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Platform.Modeling.Bert;

/// <summary>
/// Mixed precision for the BERT modules, scoped to the calling thread as autocast is (TorchSharp has none): inside
/// <see cref="Enter"/>, matrix products and the activations between them run in the 16-bit type while the parameters,
/// their gradients and the optimizer state stay fp32 (each weight is cast as it is used; autograd casts its gradient
/// back). Layer norms, the residual stream, the classifier's logits and hence the softmax and the loss stay fp32.
/// Outside a scope every call is the plain fp32 operation, so evaluation, export and serving are unchanged.
/// </summary>
internal static class MixedPrecision
{
    [ThreadStatic]
    private static ScalarType? _compute;

    /// <summary>The 16-bit type matrix products use on this thread, or null for fp32.</summary>
    public static ScalarType? ComputeType => _compute;

    /// <summary>Runs matrix products in <paramref name="type"/> (BFloat16 or Float16) until disposed; null leaves fp32.</summary>
    public static Scope Enter(ScalarType? type)
    {
        if (type is not (null or ScalarType.BFloat16 or ScalarType.Float16))
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "Mixed precision computes in BFloat16 or Float16.");
        }

        var previous = _compute;
        _compute = type;
        return new Scope(previous);
    }

    /// <summary><paramref name="layer"/> applied to <paramref name="input"/>, in the scope's 16-bit type when one is active.</summary>
    public static Tensor Linear(Linear layer, Tensor input)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(input);
        return _compute is null ? layer.forward(input) : Linear(input, layer.weight!, layer.bias);
    }

    /// <summary>
    /// The linear map of <paramref name="weight"/> ([out, in], fp32) and <paramref name="bias"/> on <paramref name="input"/>,
    /// in the scope's 16-bit type when one is active: for weights assembled from several layers' parameters.
    /// </summary>
    public static Tensor Linear(Tensor input, Tensor weight, Tensor? bias)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weight);
        using var scope = NewDisposeScope();
        var output = nn.functional.linear(ToCompute(input), ToCompute(weight), bias is null ? null : ToCompute(bias));
        return output.MoveToOuterDisposeScope();
    }

    /// <summary><paramref name="input"/> in the scope's 16-bit type (itself when none is active or it already is).</summary>
    public static Tensor ToCompute(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return _compute is { } type && input.dtype != type ? input.to_type(type) : input;
    }

    /// <summary><paramref name="input"/> in fp32 (itself when it already is): what layer norms, the residual stream and the loss read.</summary>
    public static Tensor Full(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.dtype == ScalarType.Float32 ? input : input.to_type(ScalarType.Float32);
    }

    /// <summary>Restores the precision that was in force before <see cref="Enter"/>.</summary>
    public readonly struct Scope(ScalarType? previous) : IDisposable
    {
        public void Dispose() => _compute = previous;
    }
}
