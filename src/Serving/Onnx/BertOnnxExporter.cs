using Google.Protobuf;
using Platform.Modeling.Bert;

namespace Platform.Modeling.Onnx;

/// <summary>How an export stores its matrix weights.</summary>
internal enum OnnxWeights
{
    /// <summary>Every weight as float32: the network exactly as trained.</summary>
    Float32,

    /// <summary>
    /// Dynamic quantization: every MatMul weight int8 with one scale per output column (symmetric), activations quantized
    /// at run time (DynamicQuantizeLinear → MatMulInteger → rescale), the structure ONNX Runtime's own quantizer emits and
    /// fuses; the word embedding int8 with a scale and zero point per row, dequantized after the lookup. One sensitive
    /// projection stays float32 (<see cref="BertOnnxExporter.Float32InInt8"/>). About 28 % of the float32 size.
    /// </summary>
    Int8,
}

/// <summary>
/// Writes a BertForSequenceClassification (Hugging Face names, as in a package's <c>model.safetensors</c>) as an ONNX
/// graph: inputs <c>input_ids</c> and <c>attention_mask</c> (int64, [batch, sequence], both dynamic), output
/// <c>logits</c> ([batch, labels]); every token is segment 0, as in training, so there is no <c>token_type_ids</c> input.
/// The head reads the pooled [CLS] or the mean of the real tokens, as the configuration's <c>classifier_pooling</c> says.
/// Standard operators at opset 17 only (LayerNormalization, Erf-based GELU), so any ONNX runtime loads it.
/// </summary>
internal static class BertOnnxExporter
{
    public const int Opset = 17;

    public const string InputIds = "input_ids";
    public const string AttentionMask = "attention_mask";
    public const string Logits = "logits";

    /// <summary>The name that, listed among an int8 export's float32 projections, keeps the word embedding float32 too.</summary>
    private const string WordEmbeddings = "bert.embeddings.word_embeddings";

    public static void Export(IReadOnlyDictionary<string, WeightTensor> weights, BertConfig config, string path, OnnxWeights format)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(config);
        var model = Build(weights, config, format);
        var temporary = path + ".tmp";
        using (var stream = File.Create(temporary))
        {
            model.WriteTo(stream);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The graph of <paramref name="weights"/>; an int8 graph keeps the projections <paramref name="float32"/> names (default <see cref="Float32InInt8"/>) in float32.</summary>
    internal static global::Onnx.ModelProto Build(IReadOnlyDictionary<string, WeightTensor> weights, BertConfig config, OnnxWeights format, IReadOnlyList<string>? float32 = null)
    {
        var builder = new Builder(weights, config, format, float32 ?? Float32InInt8);
        return builder.Build();
    }

    /// <summary>
    /// The projections an int8 export keeps in float32: the first layer's feed-forward output, whose input (GELU of the
    /// first expansion) has the widest outliers; quantizing it alone cost as much label agreement on a real SST-2 slice
    /// as all other matrices together (98.3 % → 99.1 % agreement with fp32 for 1.8 MB). With the mean-pooling head no
    /// single projection stands out: every disagreement falls on a text fp32 itself scores below 0.6.
    /// </summary>
    public static IReadOnlyList<string> Float32InInt8 { get; } = ["bert.encoder.layer.0.output.dense"];

    private sealed class Builder(IReadOnlyDictionary<string, WeightTensor> weights, BertConfig config, OnnxWeights format, IReadOnlyList<string> float32)
    {
        private readonly OnnxGraph _g = new("bert_for_sequence_classification");

        public global::Onnx.ModelProto Build()
        {
            var labels = Weight("classifier.weight").Rows;
            _g.Input(InputIds, OnnxGraph.Int64, "batch", "sequence");
            _g.Input(AttentionMask, OnnxGraph.Int64, "batch", "sequence");

            var hidden = Embeddings();
            var mask = _g.Node("Cast", [AttentionMask], OnnxGraph.Attribute("to", (long)OnnxGraph.Float));
            var maskBias = MaskBias(mask);
            for (var i = 0; i < config.NumHiddenLayers; i++)
            {
                hidden = Layer($"bert.encoder.layer.{i}.", hidden, maskBias);
            }

            Linear(config.MeanPooling ? MeanOfTokens(hidden, mask) : PooledFirst(hidden), "classifier");
            _g.NameLastOutput(Logits);
            _g.Output(Logits, OnnxGraph.Float, "batch", labels);
            return _g.Model(Opset, "platform", new Dictionary<string, string>
            {
                ["weights"] = format == OnnxWeights.Int8 ? "int8" : "fp32",
                ["hidden_act"] = config.HiddenAct,
                ["pooling"] = config.MeanPooling ? BertConfig.MeanPoolingName : BertConfig.ClsPoolingName,
                ["float32_matmuls"] = format == OnnxWeights.Int8 ? string.Join(",", float32) : "all",
            });
        }

        private string Embeddings()
        {
            var words = format == OnnxWeights.Int8 && !float32.Contains(WordEmbeddings, StringComparer.Ordinal)
                ? QuantizedLookup(WordEmbeddings + ".weight", InputIds)
                : _g.Node("Gather", [Floats(WordEmbeddings + ".weight"), InputIds]);
            var shape = _g.Node("Shape", [InputIds]);
            var length = _g.Node("Gather", [shape, _g.Scalar("sequence_axis", 1L)]);
            var positions = _g.Node("Range", [_g.Scalar("zero", 0L), length, _g.Scalar("one", 1L)]);
            var positionVectors = _g.Node("Gather", [Floats("bert.embeddings.position_embeddings.weight"), positions]);
            // Segment 0 for every token: its row is a constant added to every position.
            var segment = Weight("bert.embeddings.token_type_embeddings.weight");
            var segmentZero = _g.Floats("token_type_zero", segment.Data.AsSpan(0, (int)segment.Columns), segment.Columns);
            var summed = _g.Node("Add", [_g.Node("Add", [words, positionVectors]), segmentZero]);
            return LayerNorm(summed, "bert.embeddings.LayerNorm");
        }

        /// <summary>The dense + tanh pooler over the [CLS] position: [batch, hidden].</summary>
        private string PooledFirst(string hidden)
        {
            var first = _g.Node("Gather", [hidden, _g.Scalar("cls_index", 0L)], OnnxGraph.Attribute("axis", 1L));
            return _g.Node("Tanh", [Linear(first, "bert.pooler.dense")]);
        }

        /// <summary>The mean of the hidden states of the real tokens (mask 1): [batch, hidden].</summary>
        private string MeanOfTokens(string hidden, string mask)
        {
            var sequenceAxis = _g.Int64s("pool_axis", [1], 1);
            var weights = _g.Node("Unsqueeze", [mask, _g.Int64s("pool_mask_axes", [2], 1)]);
            var summed = _g.Node("ReduceSum", [_g.Node("Mul", [hidden, weights]), sequenceAxis], OnnxGraph.Attribute("keepdims", 0L));
            var counts = _g.Node("Max", [_g.Node("ReduceSum", [weights, sequenceAxis], OnnxGraph.Attribute("keepdims", 0L)), _g.Scalar("pool_min_count", 1e-9f)]);
            return _g.Node("Div", [summed, counts]);
        }

        /// <summary>0 where a token may be attended to, a large negative number where it is padding: [batch, 1, 1, sequence].</summary>
        private string MaskBias(string mask)
        {
            var expanded = _g.Node("Unsqueeze", [mask, _g.Int64s("mask_axes", [1, 2], 2)]);
            var inverted = _g.Node("Sub", [_g.Scalar("mask_one", 1f), expanded]);
            return _g.Node("Mul", [inverted, _g.Scalar("mask_min", float.MinValue)]);
        }

        private string Layer(string prefix, string input, string maskBias)
        {
            var heads = config.NumAttentionHeads;
            var headSize = config.HiddenSize / heads;
            var split = _g.Int64s("heads_shape", [0, 0, heads, headSize], 4);
            string Heads(string x, long[] perm) => _g.Node("Transpose", [_g.Node("Reshape", [x, split])], OnnxGraph.Attribute("perm", perm));

            var projected = Projections(input, prefix + "attention.self.", ["query", "key", "value"]);
            var q = Heads(projected[0], [0, 2, 1, 3]);
            var k = Heads(projected[1], [0, 2, 3, 1]);
            var v = Heads(projected[2], [0, 2, 1, 3]);
            var scores = _g.Node("Mul", [_g.Node("MatMul", [q, k]), _g.Scalar("attention_scale", (float)(1 / Math.Sqrt(headSize)))]);
            var probabilities = _g.Node("Softmax", [_g.Node("Add", [scores, maskBias])], OnnxGraph.Attribute("axis", -1L));
            var context = _g.Node("Transpose", [_g.Node("MatMul", [probabilities, v])], OnnxGraph.Attribute("perm", new long[] { 0, 2, 1, 3 }));
            var merged = _g.Node("Reshape", [context, _g.Int64s("hidden_shape", [0, 0, config.HiddenSize], 3)]);

            var attended = LayerNorm(_g.Node("Add", [Linear(merged, prefix + "attention.output.dense"), input]), prefix + "attention.output.LayerNorm");
            var intermediate = Activation(Linear(attended, prefix + "intermediate.dense"));
            return LayerNorm(_g.Node("Add", [Linear(intermediate, prefix + "output.dense"), attended]), prefix + "output.LayerNorm");
        }

        private string Activation(string x) => config.HiddenAct switch
        {
            "relu" => _g.Node("Relu", [x]),
            // 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))
            "gelu_new" => Half(x, _g.Node("Tanh", [_g.Node("Mul", [
                _g.Node("Add", [x, _g.Node("Mul", [_g.Node("Mul", [_g.Node("Mul", [x, x]), x]), _g.Scalar("gelu_cubic", 0.044715f)])]),
                _g.Scalar("gelu_sqrt_2_over_pi", (float)Math.Sqrt(2 / Math.PI))])])),
            // 0.5·x·(1 + erf(x/√2)), the exact GELU; ONNX Runtime fuses the pattern into one kernel.
            _ => Half(x, _g.Node("Erf", [_g.Node("Div", [x, _g.Scalar("sqrt_2", (float)Math.Sqrt(2))])])),
        };

        private string Half(string x, string inner) =>
            _g.Node("Mul", [_g.Node("Mul", [x, _g.Node("Add", [inner, _g.Scalar("one_f", 1f)])]), _g.Scalar("half", 0.5f)]);

        private string LayerNorm(string x, string prefix) => _g.Node(
            "LayerNormalization", [x, Floats(prefix + ".weight"), Floats(prefix + ".bias")],
            OnnxGraph.Attribute("axis", -1L), OnnxGraph.Attribute("epsilon", (float)config.LayerNormEps));

        /// <summary>
        /// Several Linears of the same input (query, key, value) as one product with their weights stacked, split after:
        /// one wider matrix product (and, in int8, one quantization of the input) instead of three; the same numbers.
        /// </summary>
        private string[] Projections(string x, string prefix, string[] names)
        {
            var parts = names.Select(n => (Weight: Weight($"{prefix}{n}.weight"), Bias: Weight($"{prefix}{n}.bias"))).ToArray();
            var columns = parts[0].Weight.Columns;
            var stacked = new WeightTensor([.. parts.SelectMany(p => p.Weight.Data)], [parts.Sum(p => p.Weight.Rows), columns]);
            var biases = new WeightTensor([.. parts.SelectMany(p => p.Bias.Data)], [parts.Sum(p => p.Bias.Rows)]);
            // One part listed as float32 keeps the whole stacked product float32.
            var keepFloat = names.Any(n => float32.Contains(prefix + n, StringComparer.Ordinal));
            var product = Linear(x, prefix + string.Join("_", names), stacked, biases, keepFloat);
            var sizes = _g.Int64s(prefix + "split", [.. parts.Select(p => p.Weight.Rows)], parts.Length);
            return _g.Node("Split", [product, sizes], parts.Length, OnnxGraph.Attribute("axis", -1L));
        }

        /// <summary>x·Wᵀ + b for the Linear <paramref name="prefix"/> (weight [out, in]).</summary>
        private string Linear(string x, string prefix) =>
            Linear(x, prefix, Weight(prefix + ".weight"), Weight(prefix + ".bias"), float32.Contains(prefix, StringComparer.Ordinal));

        private string Linear(string x, string prefix, WeightTensor weight, WeightTensor biasTensor, bool keepFloat)
        {
            var (outputs, inputs) = ((int)weight.Rows, (int)weight.Columns);
            var bias = _g.Floats(prefix + ".bias", biasTensor.Data, biasTensor.Shape);
            if (format == OnnxWeights.Float32 || keepFloat)
            {
                var transposed = new float[weight.Data.Length];
                for (var o = 0; o < outputs; o++)
                {
                    for (var i = 0; i < inputs; i++)
                    {
                        transposed[(i * outputs) + o] = weight.Data[(o * inputs) + i];
                    }
                }

                return _g.Node("Add", [_g.Node("MatMul", [x, _g.Floats(prefix + ".weight_t", transposed, inputs, outputs)]), bias]);
            }

            // Per output column: scale = max|w| / 127, w ≈ scale · round(w / scale).
            var scales = new float[outputs];
            var quantized = new sbyte[weight.Data.Length];
            for (var o = 0; o < outputs; o++)
            {
                var row = weight.Data.AsSpan(o * inputs, inputs);
                var scale = Scale(row);
                scales[o] = scale;
                for (var i = 0; i < inputs; i++)
                {
                    quantized[(i * outputs) + o] = Quantize(row[i], scale);
                }
            }

            var dynamic = _g.Node("DynamicQuantizeLinear", [x], 3);
            var product = _g.Node("MatMulInteger", [dynamic[0], _g.SBytes(prefix + ".weight_q", quantized, inputs, outputs), dynamic[2], _g.SBytes(prefix + ".weight_zero", new sbyte[outputs], outputs)]);
            var rescale = _g.Node("Mul", [dynamic[1], _g.Floats(prefix + ".weight_scale", scales, outputs)]);
            var real = _g.Node("Mul", [_g.Node("Cast", [product], OnnxGraph.Attribute("to", (long)OnnxGraph.Float)), rescale]);
            return _g.Node("Add", [real, bias]);
        }

        /// <summary>
        /// The embedding rows of <paramref name="ids"/> from an int8 table with one scale and zero point per row
        /// (asymmetric: a row's own range spans all 256 levels), dequantized after the lookup: (q − zero) · scale.
        /// </summary>
        private string QuantizedLookup(string name, string ids)
        {
            var table = Weight(name);
            var (rows, columns) = ((int)table.Rows, (int)table.Columns);
            var scales = new float[rows];
            var zeros = new float[rows];
            var quantized = new sbyte[table.Data.Length];
            for (var r = 0; r < rows; r++)
            {
                var row = table.Data.AsSpan(r * columns, columns);
                var (min, max) = (Math.Min(0f, row.ToArray().Min()), Math.Max(0f, row.ToArray().Max()));
                var scale = max > min ? (max - min) / 255f : 1f;
                var zero = Math.Clamp(MathF.Round(-128f - (min / scale)), -128f, 127f);
                scales[r] = scale;
                zeros[r] = zero;
                for (var c = 0; c < columns; c++)
                {
                    quantized[(r * columns) + c] = (sbyte)Math.Clamp(MathF.Round(row[c] / scale) + zero, -128f, 127f);
                }
            }

            var lastAxis = _g.Int64s("last_axis", [-1], 1);
            string PerToken(string perRow) => _g.Node("Unsqueeze", [_g.Node("Gather", [perRow, ids]), lastAxis]);
            var values = _g.Node("Cast", [_g.Node("Gather", [_g.SBytes(name + "_q", quantized, rows, columns), ids])], OnnxGraph.Attribute("to", (long)OnnxGraph.Float));
            var centered = _g.Node("Sub", [values, PerToken(_g.Floats(name + "_zero", zeros, rows))]);
            return _g.Node("Mul", [centered, PerToken(_g.Floats(name + "_scale", scales, rows))]);
        }

        private static float Scale(ReadOnlySpan<float> values)
        {
            var max = 0f;
            foreach (var v in values)
            {
                max = Math.Max(max, Math.Abs(v));
            }

            return max > 0 ? max / 127f : 1f;
        }

        private static sbyte Quantize(float value, float scale) => (sbyte)Math.Clamp(MathF.Round(value / scale), -127, 127);

        private string Floats(string name)
        {
            var tensor = Weight(name);
            return _g.Floats(name, tensor.Data, tensor.Shape);
        }

        private WeightTensor Weight(string name) =>
            weights.TryGetValue(name, out var tensor) ? tensor : throw new InvalidDataException($"The weights have no '{name}'; they are not a BertForSequenceClassification.");
    }
}
