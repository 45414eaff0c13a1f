using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Modeling.Bert;

/// <summary>
/// The BERT encoder with embeddings and pooler (Hugging Face <c>BertModel</c>); a mean-pooling configuration has no
/// pooler (no <c>bert.pooler.*</c> weights) and pools the mean of the real tokens instead.
/// </summary>
internal sealed class BertModel : nn.Module<Tensor, Tensor, Tensor>
{
#pragma warning disable IDE1006 // Field names are checkpoint keys.
    private readonly BertEmbeddings embeddings;
    private readonly BertEncoder encoder;
    private readonly BertPooler? pooler;
#pragma warning restore IDE1006

    public BertModel(BertConfig config) : base(nameof(BertModel))
    {
        embeddings = new BertEmbeddings(config);
        encoder = new BertEncoder(config);
        pooler = config.MeanPooling ? null : new BertPooler(config);
        RegisterComponents();
    }

    /// <summary>Last hidden state [batch, sequence, hidden] for token ids and a 0/1 attention mask.</summary>
    public override Tensor forward(Tensor inputIds, Tensor attentionMask)
    {
        using var scope = NewDisposeScope();

        // Without padding there is nothing to mask, and the unmasked attention kernel is the fastest.
        var mask = attentionMask.min().item<long>() == 1 ? null : attentionMask.to_type(ScalarType.Bool).unsqueeze(1).unsqueeze(2);
        return encoder.forward(embeddings.forward(inputIds), mask).MoveToOuterDisposeScope();
    }

    /// <summary>The pooled representation [batch, hidden]: the pooler over [CLS], or the mean over the tokens the 0/1 mask keeps.</summary>
    public Tensor Pool(Tensor lastHidden, Tensor attentionMask)
    {
        if (pooler is not null)
        {
            return pooler.forward(lastHidden);
        }

        using var scope = NewDisposeScope();
        var weights = attentionMask.unsqueeze(-1).to_type(lastHidden.dtype);
        var counts = weights.sum(1).clamp_min(1e-9);
        return ((lastHidden * weights).sum(1) / counts).MoveToOuterDisposeScope();
    }
}
