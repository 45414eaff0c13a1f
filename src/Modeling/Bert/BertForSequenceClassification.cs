using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Platform.Modeling.Bert;

/// <summary>
/// BERT with a linear classification head over the pooled output (the [CLS] pooler, or the mean of the real tokens:
/// <see cref="BertConfig.ClassifierPooling"/>), parameter names as Hugging Face's <c>BertForSequenceClassification</c>. The same head serves single-label (softmax) and multi-label
/// (independent sigmoids) problems; only the loss and the decision rule differ.
/// </summary>
internal sealed class BertForSequenceClassification : nn.Module<Tensor, Tensor, Tensor>
{
#pragma warning disable IDE1006 // Field names are checkpoint keys.
    private readonly BertModel bert;
    private readonly FastDropout dropout;
    private readonly Linear classifier;
#pragma warning restore IDE1006

    public BertForSequenceClassification(BertConfig config, int labelCount) : base(nameof(BertForSequenceClassification))
    {
        Config = config;
        LabelCount = labelCount;
        bert = new BertModel(config);
        dropout = new FastDropout(config.HiddenDropoutProb);
        classifier = nn.Linear(config.HiddenSize, labelCount);
        RegisterComponents();
        BertInitializer.Initialize(this, config.InitializerRange);
    }

    public BertConfig Config { get; }

    public int LabelCount { get; }

    public BertModel Bert => bert;

    /// <summary>Logits [batch, labels].</summary>
    public override Tensor forward(Tensor inputIds, Tensor attentionMask)
    {
        using var scope = NewDisposeScope();
        var pooled = bert.Pool(bert.forward(inputIds, attentionMask), attentionMask);
        // Logits in fp32 whatever the compute type: the softmax and the loss read them.
        return MixedPrecision.Full(MixedPrecision.Linear(classifier, dropout.forward(pooled))).MoveToOuterDisposeScope();
    }
}
