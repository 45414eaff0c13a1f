using Platform.Modeling.Serving;

namespace Platform.Pipeline.Handlers.Predict;

/// <summary>Answer of <c>POST /api/models/{model}/predict</c>: which version answered and one prediction per text, in order.</summary>
public sealed record PredictResponse(string Model, string Version, IReadOnlyList<Prediction> Predictions);
