using Platform.Modeling.Bert;

namespace Platform.Modeling.BaseModels;

/// <summary>A resolved pretrained encoder: its configuration, vocabulary and where its weights live.</summary>
public sealed record BaseModel(string Name, BertConfig Config, string VocabPath, bool LowerCase, BaseModelFormat Format, string? WeightsPath);
