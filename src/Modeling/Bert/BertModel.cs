using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Modeling.Bert;

/// <summary>The BERT encoder with embeddings and pooler (Hugging Face <c>BertModel</c>).</summary>
internal sealed class BertModel : nn.Module<Tensor, Tensor, Tensor>
{
#pragma warning disable IDE1006 // Field names are checkpoint keys.
    private readonly BertEmbeddings embeddings;
    private readonly BertEncoder encoder;
    private readonly BertPooler pooler;
#pragma warning restore IDE1006

    public BertModel(BertConfig config) : base(nameof(BertModel))
    {
        embeddings = new BertEmbeddings(config);
        encoder = new BertEncoder(config);
        pooler = new BertPooler(config);
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

    /// <summary>The pooled [CLS] representation [batch, hidden].</summary>
    public Tensor Pool(Tensor lastHidden) => pooler.forward(lastHidden);
}
