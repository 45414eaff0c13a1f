using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Platform.Modeling.Bert;

/// <summary>BERT hyperparameters in the Hugging Face <c>config.json</c> shape.</summary>
public sealed record BertConfig
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public int VocabSize { get; init; } = 30522;

    public int HiddenSize { get; init; } = 384;

    public int NumHiddenLayers { get; init; } = 6;

    public int NumAttentionHeads { get; init; } = 12;

    public int IntermediateSize { get; init; } = 1536;

    public string HiddenAct { get; init; } = "gelu";

    public double HiddenDropoutProb { get; init; } = 0.1;

    public double AttentionProbsDropoutProb { get; init; } = 0.1;

    public int MaxPositionEmbeddings { get; init; } = 512;

    public int TypeVocabSize { get; init; } = 2;

    public double LayerNormEps { get; init; } = 1e-12;

    public double InitializerRange { get; init; } = 0.02;

    public int PadTokenId { get; init; }

    public string ModelType { get; init; } = "bert";

    /// <summary><c>single_label_classification</c> or <c>multi_label_classification</c>.</summary>
    public string? ProblemType { get; init; }

    public IReadOnlyList<string>? Architectures { get; init; }

    /// <summary>
    /// How the classification head reads the encoder: <c>cls</c> (absent: the dense + tanh pooler over <c>[CLS]</c>, as
    /// <c>BertForSequenceClassification</c>) or <c>mean</c> (the mean over real tokens, no pooler).
    /// </summary>
    public string? ClassifierPooling { get; init; }

    /// <summary>True when the head reads the mean of the real tokens rather than the pooled <c>[CLS]</c>.</summary>
    [JsonIgnore]
    public bool MeanPooling => ClassifierPooling == MeanPoolingName;

    [JsonPropertyName("id2label")]
    public IReadOnlyDictionary<string, string>? Id2Label { get; init; }

    [JsonPropertyName("label2id")]
    public IReadOnlyDictionary<string, int>? Label2Id { get; init; }

    public const string MeanPoolingName = "mean";

    public const string ClsPoolingName = "cls";

    [JsonIgnore]
    public int HeadSize => HiddenSize / NumAttentionHeads;

    /// <summary>The all-MiniLM-L6-v2 shape (the built-in base model).</summary>
    public static BertConfig MiniLmL6 { get; } = new();

    /// <summary>A tiny random configuration for fast tests.</summary>
    public static BertConfig Tiny(int vocabSize) => new()
    {
        VocabSize = vocabSize,
        HiddenSize = 32,
        NumHiddenLayers = 2,
        NumAttentionHeads = 4,
        IntermediateSize = 64,
        MaxPositionEmbeddings = 128,
    };

    /// <summary>Returns a copy describing a sequence classifier over <paramref name="labels"/>.</summary>
    /// <remarks>
    /// A mean-pooling classifier names <c>BertModel</c> as its architecture: the encoder weights load into it, but no stock
    /// Hugging Face class computes its head (a <c>BertForSequenceClassification</c> would read [CLS] through a pooler that
    /// has no trained weights).
    /// </remarks>
    public BertConfig ForClassification(IReadOnlyList<string> labels, bool multiLabel) => this with
    {
        Architectures = [MeanPooling ? "BertModel" : "BertForSequenceClassification"],
        ProblemType = multiLabel ? "multi_label_classification" : "single_label_classification",
        Id2Label = labels.Select((label, i) => (label, i)).ToDictionary(x => x.i.ToString(System.Globalization.CultureInfo.InvariantCulture), x => x.label),
        Label2Id = labels.Select((label, i) => (label, i)).ToDictionary(x => x.label, x => x.i),
    };

    /// <summary>Reads a Hugging Face <c>config.json</c>; unknown keys are ignored.</summary>
    public static BertConfig Load(string path)
    {
        try
        {
            var node = JsonNode.Parse(File.ReadAllText(path)) ?? throw new InvalidDataException("the file is empty");
            var config = node.Deserialize<BertConfig>(Json) ?? throw new InvalidDataException("the file is empty");
            config.Validate(path);
            return config;
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path} is not a valid config.json: {ex.Message}", ex);
        }
    }

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    private void Validate(string path)
    {
        if (ModelType is not ("bert" or "distilbert" or "roberta" or "xlm-roberta" or "electra" or "minilm") && !ModelType.Contains("bert", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"{path}: model_type '{ModelType}' is not a BERT-family model.");
        }

        if (HiddenSize <= 0 || NumAttentionHeads <= 0 || HiddenSize % NumAttentionHeads != 0)
        {
            throw new InvalidDataException($"{path}: hidden_size {HiddenSize} must be a positive multiple of num_attention_heads {NumAttentionHeads}.");
        }

        if (VocabSize <= 0 || NumHiddenLayers <= 0 || IntermediateSize <= 0 || MaxPositionEmbeddings <= 0)
        {
            throw new InvalidDataException($"{path}: vocab_size, num_hidden_layers, intermediate_size and max_position_embeddings must be positive.");
        }

        if (ClassifierPooling is not (null or ClsPoolingName or MeanPoolingName))
        {
            throw new InvalidDataException($"{path}: classifier_pooling '{ClassifierPooling}' is not supported (cls, mean).");
        }

        if (HiddenAct is not ("gelu" or "gelu_new" or "relu"))
        {
            throw new InvalidDataException($"{path}: hidden_act '{HiddenAct}' is not supported (gelu, gelu_new, relu).");
        }
    }
}
