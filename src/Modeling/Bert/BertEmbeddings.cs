using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Platform.Modeling.Bert;

/// <summary>Word + position + token-type embeddings, normalised; names as in Hugging Face BERT.</summary>
internal sealed class BertEmbeddings : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Field names are checkpoint keys.
    private readonly Embedding word_embeddings;
    private readonly Embedding position_embeddings;
    private readonly Embedding token_type_embeddings;
    private readonly LayerNorm LayerNorm;
    private readonly FastDropout dropout;
#pragma warning restore IDE1006

    public BertEmbeddings(BertConfig config) : base(nameof(BertEmbeddings))
    {
        // A sparse gradient: the rows a batch looked up and their gradients, not a zero-filled vocabulary × hidden matrix
        // (30,522 × 384 in MiniLM) with a few hundred rows set. The training step reads it by rows, or densifies it for the
        // paths that need the whole matrix (TrainingStep.Apply).
        word_embeddings = nn.Embedding(config.VocabSize, config.HiddenSize, padding_idx: config.PadTokenId, sparse: true);
        position_embeddings = nn.Embedding(config.MaxPositionEmbeddings, config.HiddenSize);
        token_type_embeddings = nn.Embedding(config.TypeVocabSize, config.HiddenSize);
        LayerNorm = nn.LayerNorm(config.HiddenSize, config.LayerNormEps);
        dropout = new FastDropout(config.HiddenDropoutProb);
        RegisterComponents();
    }

    /// <summary>Embeds <paramref name="inputIds"/> [batch, sequence]; every token is segment 0.</summary>
    public override Tensor forward(Tensor inputIds)
    {
        using var scope = NewDisposeScope();
        var length = inputIds.shape[1];
        var positions = arange(length, dtype: ScalarType.Int64, device: inputIds.device).unsqueeze(0);
        var words = word_embeddings.forward(inputIds);
        var segment = token_type_embeddings.weight![0];
        var summed = words + position_embeddings.forward(positions) + segment;
        return dropout.forward(LayerNorm.forward(summed)).MoveToOuterDisposeScope();
    }
}
