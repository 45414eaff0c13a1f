using Platform.Modeling.Bert;

namespace Platform.Modeling.BaseModels;

/// <summary>A resolved pretrained encoder: its configuration, vocabulary and where its weights live.</summary>
public sealed record BaseModel(string Name, BertConfig Config, string VocabPath, bool LowerCase, BaseModelFormat Format, string? WeightsPath)
{
    /// <summary>
    /// The pooling the encoder was trained to be read by, where it says so (<c>cls</c> or <c>mean</c>: a sentence-transformers
    /// folder's <c>1_Pooling/config.json</c>, the built-in sentence encoder), with the reason; null when it does not say.
    /// </summary>
    public (string Mode, string Reason)? TrainedPooling { get; init; }
}
