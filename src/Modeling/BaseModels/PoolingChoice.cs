using Platform.Modeling.Bert;
using Platform.Shared.Training;

namespace Platform.Modeling.BaseModels;

/// <summary>The pooling a classifier uses (<c>cls</c> or <c>mean</c>) and why it was chosen.</summary>
public sealed record PoolingChoice(string Mode, string Reason)
{
    /// <summary>
    /// An explicit <paramref name="requested"/> mode wins. <c>auto</c> takes what the base model was trained for where it
    /// says so; otherwise <c>cls</c> when its weights have a trained pooler (as <c>BertForSequenceClassification</c>
    /// expects) and <c>mean</c> when they have none, since a [CLS] head would then start from a random pooler.
    /// </summary>
    public static PoolingChoice Choose(Pooling requested, BaseModel baseModel, IEnumerable<string>? weightNames)
    {
        ArgumentNullException.ThrowIfNull(baseModel);
        switch (requested)
        {
            case Pooling.Cls:
                return new(BertConfig.ClsPoolingName, "set by the pooling option");
            case Pooling.Mean:
                return new(BertConfig.MeanPoolingName, "set by the pooling option");
        }

        if (baseModel.TrainedPooling is { } trained)
        {
            return new(trained.Mode, trained.Reason);
        }

        if (weightNames is null)
        {
            return new(BertConfig.ClsPoolingName, "a randomly initialised base model has nothing to match: [CLS] with a pooler, as BertForSequenceClassification");
        }

        return weightNames.Any(n => n.EndsWith("pooler.dense.weight", StringComparison.Ordinal))
            ? new(BertConfig.ClsPoolingName, "the base model has trained pooler weights, read over [CLS] as BertForSequenceClassification does")
            : new(BertConfig.MeanPoolingName, "the base model has no pooler weights: a [CLS] head would start from a random pooler");
    }
}
