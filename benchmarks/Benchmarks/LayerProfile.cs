using Platform.Modeling.Bert;
using Platform.Modeling.Training;
using Platform.Shared.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Benchmarks;

/// <summary>
/// Forward plus backward of one transformer block's parts timed alone in training mode, at a step's shape, in fp32 or
/// under bf16 mixed precision: where a layer's time goes (libtorch has no profiler TorchSharp exposes).
/// </summary>
internal static class LayerProfile
{
    /// <summary>Milliseconds per forward + backward of each part, in the order listed.</summary>
    public static IReadOnlyList<(string Part, double Milliseconds)> Run(BertConfig config, int batch, int length, ScalarType? compute, TimeSpan minimum)
    {
        ArgumentNullException.ThrowIfNull(config);
        using var outer = NewDisposeScope();
        manual_seed(7);
        var hidden = config.HiddenSize;
        var layer = new BertLayer(config);
        var attention = new BertSelfAttention(config);
        var attentionOutput = new BertResidualOutput(config, hidden);
        var intermediate = new BertIntermediate(config);
        var output = new BertResidualOutput(config, config.IntermediateSize);
        var norm = nn.LayerNorm(hidden, config.LayerNormEps);
        var embeddings = new BertEmbeddings(config);
        var classifier = new BertForSequenceClassification(config, 2);
        // The word lookup alone, with the dense gradient the embedding had before and with the sparse one it has now.
        var denseLookup = nn.Embedding(config.VocabSize, hidden, padding_idx: config.PadTokenId);
        var sparseLookup = nn.Embedding(config.VocabSize, hidden, padding_idx: config.PadTokenId, sparse: true);
        var modules = new nn.Module[] { layer, attention, attentionOutput, intermediate, output, norm, embeddings, classifier, denseLookup, sparseLookup };
        foreach (var module in modules)
        {
            module.train();
        }

        var mask = ones(batch, 1, 1, length, ScalarType.Bool);
        var compute16 = compute ?? ScalarType.Float32;
        var ids = randint(1000, config.VocabSize, [batch, length]);
        var attentionMask = ones(batch, length, ScalarType.Int64);
        (string, Func<Tensor[]>, Func<Tensor[], Tensor>)[] parts =
        [
            ("whole classifier (embeddings, layers, pooler, head)", () => [], _ => classifier.forward(ids, attentionMask)),
            ("embeddings (word, position, type, layer norm, dropout)", () => [], _ => embeddings.forward(ids)),
            ("word lookup alone, dense gradient", () => [], _ => denseLookup.forward(ids)),
            ("word lookup alone, sparse gradient", () => [], _ => sparseLookup.forward(ids)),
            ("layer", () => [Input(batch, length, hidden)], x => layer.forward(x[0], mask)),
            ("self-attention (QKV, scores, softmax, dropout, context)", () => [Input(batch, length, hidden)], x => attention.forward(x[0], mask)),
            ("attention output (dense, dropout, residual, layer norm)", () => [Input(batch, length, hidden, compute16), Input(batch, length, hidden)], x => attentionOutput.forward(x[0], x[1])),
            ("intermediate (dense, GELU)", () => [Input(batch, length, hidden)], x => intermediate.forward(x[0])),
            ("output (dense, dropout, residual, layer norm)", () => [Input(batch, length, config.IntermediateSize, compute16), Input(batch, length, hidden)], x => output.forward(x[0], x[1])),
            ("layer norm alone (fp32)", () => [Input(batch, length, hidden)], x => norm.forward(x[0])),
            ("GELU alone", () => [Input(batch, length, config.IntermediateSize, compute16)], x => nn.functional.gelu(x[0])),
            ("dropout alone (hidden)", () => [Input(batch, length, hidden, compute16)], x => FastDropout.Apply(x[0], 0.1, training: true)),
            ("cast fp32 -> compute -> fp32", () => [Input(batch, length, hidden)], x => MixedPrecision.Full(MixedPrecision.ToCompute(x[0]))),
            ("softmax alone (fp32 scores)", () => [Input(batch, config.NumAttentionHeads * length, length)], x => x[0].softmax(-1)),
        ];

        var results = new List<(string, double)>();
        foreach (var (name, inputs, forward) in parts)
        {
            // Inputs are drawn once, outside the timing: drawing them costs more than some of the parts.
            var x = inputs();
            var seed = new Tensor?[1];
            var rate = Timing.Rate(() =>
            {
                using var scope = NewDisposeScope();
                foreach (var input in x.Concat(modules.SelectMany(m => m.parameters())))
                {
                    input.grad = null;
                }

                Tensor y;
                using (MixedPrecision.Enter(compute))
                {
                    y = forward(x);
                }

                seed[0] ??= ones_like(y).MoveToOuterDisposeScope();
                autograd.backward([y], [seed[0]!]);
                return 1;
            }, minimum);
            results.Add((name, 1000 / rate));
        }

        // The trainer's whole step on the same classifier, for what lies outside its forward and backward.
        var options = new TrainingOptions { LearningRate = 5e-5, WeightDecay = 0.01, MaxGradNorm = 1.0, Precision = compute is null ? TrainingPrecision.Fp32 : TrainingPrecision.Bf16 };
        using var step = new TrainingStep(classifier, options, 5e-5, CPU, config.PadTokenId);
        var rows = ids.data<long>().ToArray();
        var examples = Enumerable.Range(0, batch).Select(b => new EncodedExample([.. rows.Skip(b * length).Take(length).Select(i => (int)i)], [b % 2])).ToArray();
        var before = step.Times;
        var steps = 0;
        var stepRate = Timing.Rate(() =>
        {
            step.Forward(examples, 2, multiLabel: false, lossWeights: null);
            step.Apply(5e-5);
            steps++;
            return 1;
        }, minimum);
        var times = step.Times - before;
        results.Add(("training step (forward, backward, clip, AdamW)", 1000 / stepRate));
        results.Add(("  of which forward", times.Forward.TotalMilliseconds / steps));
        results.Add(("  of which backward", times.Backward.TotalMilliseconds / steps));
        results.Add(("  of which optimizer", times.Optimizer.TotalMilliseconds / steps));
        return results;
    }

    private static Tensor Input(int batch, int length, int width, ScalarType type = ScalarType.Float32) =>
        randn(batch, length, width).to_type(type).requires_grad_();
}
