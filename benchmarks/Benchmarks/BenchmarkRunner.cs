using Platform.Modeling.Packaging;
using Platform.Modeling.Serving;
using Platform.Shared.Training;
using static Platform.Benchmarks.ResultTable;
using static TorchSharp.torch;

namespace Platform.Benchmarks;

/// <summary>Runs every benchmark in one process and prints the figures beside their in-process baselines and targets.</summary>
internal sealed class BenchmarkRunner(BenchmarkOptions options)
{
    private readonly BenchmarkSizes _sizes = options.Quick ? BenchmarkSizes.Quick : BenchmarkSizes.Full;
    private const int Rounds = 3;
    private readonly ResultTable _table = new();

    public async Task RunAsync()
    {
        set_num_threads(Environment.ProcessorCount);
        if (options.Only == "quality")
        {
            // Hours, not minutes: only on request, never part of the full run.
            var quality = new QualityBenchmark(options.SharedDatasets, _table);
            foreach (var name in options.Datasets ?? QualityBenchmark.Names)
            {
                quality.Run(name, options.WithEarlierDefaults);
            }

            Console.WriteLine(_table.Render());
            return;
        }

        if (options.Only == "step-quality")
        {
            // Minutes of real fine-tuning per variant: alone on request, or after the precision figures.
            StepQuality();
            Console.WriteLine(_table.Render());
            return;
        }

        Progress($"Reading and tokenizing {options.DataPath}");
        var data = BenchmarkData.Load(options.DataPath);
        Console.WriteLine($"MiniLM-L6 (all-MiniLM-L6-v2) benchmarks{(options.Quick ? " — QUICK smoke run, figures are rough" : "")}");
        Console.WriteLine($"Data: {options.DataPath} ({data.Texts.Count:N0} texts kept, mean {data.Encoded.Examples.Average(e => e.InputIds.Length):F1} tokens incl. [CLS]/[SEP], max length {BenchmarkData.MaxLength})");
        Console.WriteLine($"CPU: {Environment.ProcessorCount} logical cores, torch threads {get_num_threads()}, bf16 native: {CpuFeatures.SupportsBf16}");
        Console.WriteLine();

        bool Runs(string section) => options.Only is null || options.Only == section;
        if (Runs("tokenization"))
        {
            Tokenization(data);
        }

        if (Runs("csv"))
        {
            Csv();
        }

        if (Runs("training"))
        {
            Training(data);
        }

        if (options.Only == "layer-profile")
        {
            LayerParts(data);
        }

        if (options.Only == "precision-speed")
        {
            PrecisionSpeed(data);
        }

        if (options.Only == "embedding-update")
        {
            EmbeddingUpdates(data);
        }

        if (Runs("precision"))
        {
            Precision(data);
            // The accuracy side of the same comparison: fp32 and bf16 (and the embedding updates) fine-tuned on a real split.
            StepQuality();
        }

        if (Runs("inference"))
        {
            Inference(data);
        }

        if (Runs("http"))
        {
            await HttpAsync(data);
        }
        Console.WriteLine(_table.Render());
    }

    private void Tokenization(BenchmarkData data)
    {
        Progress("Tokenization");
        var benchmark = new TokenizerBenchmark(data.Tokenizer, data.Texts, _sizes.MinimumDuration);
        var single = benchmark.SingleThreadTokensPerSecond();
        var all = benchmark.AllCoresTokensPerSecond();
        _table.Add("4 Tokenization", "tokens/s, 1 thread", Format(single, "N0"), ">= 5,000,000", single >= 5e6);
        _table.Add("4 Tokenization", $"tokens/s, {Environment.ProcessorCount} threads", Format(all, "N0"), ">= 5,000,000", all >= 5e6);
    }

    private void Csv()
    {
        Progress("CSV validation");
        var (rows, rate) = new CsvBenchmark(options.DataPath, _sizes.MinimumDuration).Run();
        _table.Add("5 CSV validation", $"rows/s (DatasetReader, {rows:N0} rows, from memory)", Format(rate, "N0"), ">= 300,000", rate >= 300_000);
    }

    private void Training(BenchmarkData data)
    {
        var benchmark = new TrainingBenchmark(data, _sizes);
        Progress($"Training, fixed length {BenchmarkData.MaxLength}");
        var fixedLength = benchmark.Run(fixedLength: true);
        Progress("Training, dynamic padding");
        var dynamic = benchmark.Run(fixedLength: false);
        Progress("Matmul baseline");
        var matmul = MatmulBaseline.GigaflopsPerSecond(_sizes.MinimumDuration * 2);

        const string Section = "1 Training (batch 32)";
        AddTraining(Section, $"fixed {BenchmarkData.MaxLength}", fixedLength);
        AddTraining(Section, "dynamic", dynamic);
        var speedup = dynamic.SequencesPerSecond / fixedLength.SequencesPerSecond;
        _table.Add(Section, "dynamic / fixed, sequences/s", $"{Format(speedup, "F2")}x", ">= 4x", speedup >= 4);
        _table.Note($"Training: {_sizes.WarmupSteps} warm-up step(s), then {fixedLength.Steps} (fixed) / {dynamic.Steps} (dynamic) timed optimizer steps of forward + backward + clip + AdamW, on batches from BatchPlanner (grouping factor 50) collated by BatchCollator. "
            + $"Dynamic padding computes {Format(100.0 * dynamic.RealTokens / dynamic.PaddedTokens, "F0")}% real tokens; fixed 128 computes {Format(100.0 * fixedLength.RealTokens / fixedLength.PaddedTokens, "F0")}%.");

        var (all, nonEmbedding) = ParameterCounts(data);
        const string Flops = "2 Training GFLOP/s";
        _table.Add(Flops, "fp32 matmul 2048x2048 (torch.mm)", Format(matmul), "baseline");
        AddFlops(Flops, $"6 x {Format(all / 1e6)}M params (all)", all, fixedLength, dynamic, matmul);
        AddFlops(Flops, $"6 x {Format(nonEmbedding / 1e6)}M params (non-embedding)", nonEmbedding, fixedLength, dynamic, matmul);
        _table.Note("GFLOP/s = 6 x params x tokens/s, tokens counted as computed positions (padding included; for fixed that is 32 x 128 per step). "
            + "The all-params count follows the brief but treats the 11.7M embedding parameters (gathers, not matmuls) as matmul FLOPs, so it overstates the work about 2x; "
            + "the non-embedding count is the honest matmul work. Attention score FLOPs are not counted in either.");
    }

    /// <summary>The fp32 and bf16 step figures (<see cref="PrecisionSpeed"/>), then the embedding-update variants (<see cref="EmbeddingUpdates"/>).</summary>
    private void Precision(BenchmarkData data)
    {
        PrecisionSpeed(data);
        EmbeddingUpdates(data);
    }

    /// <summary>The fp32 step with the word embedding updated densely, lazily (the default) and not at all.</summary>
    private void EmbeddingUpdates(BenchmarkData data)
    {
        var benchmark = new TrainingBenchmark(data, _sizes);
        const string Section = "7 Training step: precision, embedding update (batch 32)";
        foreach (var fixedLength in new[] { false, true })
        {
            var shape = fixedLength ? $"fixed {BenchmarkData.MaxLength}" : "SST-2 lengths";
            Progress($"Embedding update, {shape}: dense, lazy and frozen, {Rounds} rounds each, alternating");
            var updates = new[] { EmbeddingUpdate.Dense, EmbeddingUpdate.Lazy, EmbeddingUpdate.Frozen };
            var best = BestOfRounds([.. updates.Select(u => (Func<TrainingFigures>)(() => benchmark.Run(fixedLength, TrainingPrecision.Fp32, u)))]);
            var figures = updates.Zip(best, (update, f) => (Update: update, Figures: f)).ToList();

            var baseline = figures[0].Figures;
            foreach (var (update, f) in figures)
            {
                _table.Add(Section, $"{shape}, fp32, embedding {update.ToString().ToLowerInvariant()}: sequences/s; clip + AdamW + zero_grad share",
                    $"{Format(f.SequencesPerSecond)} ({Format(f.SequencesPerSecond / baseline.SequencesPerSecond, "F2")}x dense); {Format(100 * f.OptimizerShare, "F0")}%",
                    update == EmbeddingUpdate.Dense ? "baseline" : "");
            }
        }

        _table.Note($"Embedding update (fp32): dense = AdamW on all 30,522 rows every step; lazy = AdamW on the rows the batch used (the default); frozen = no embedding update."
            + $" Each figure is the fastest of {Rounds} runs, the variants alternating round by round.");
    }

    /// <summary>The fp32 and bf16 training steps, at SST-2 lengths and at 128, against the matmul rate of each format measured here.</summary>
    private void PrecisionSpeed(BenchmarkData data)
    {
        Progress("Matmul baselines, fp32 and bf16");
        // Like the training figures, the fastest of alternating rounds: one slow spell must not set the ceiling.
        double matmul32 = 0, matmul16 = 0;
        for (var round = 0; round < Rounds; round++)
        {
            matmul32 = Math.Max(matmul32, MatmulBaseline.GigaflopsPerSecond(_sizes.MinimumDuration * 2));
            matmul16 = Math.Max(matmul16, MatmulBaseline.GigaflopsPerSecond(_sizes.MinimumDuration * 2, ScalarType.BFloat16));
        }

        var benchmark = new TrainingBenchmark(data, _sizes);
        var (_, nonEmbedding) = ParameterCounts(data);
        const string Section = "7 Training step: precision, embedding update (batch 32)";
        _table.Add(Section, "matmul 2048x2048 GFLOP/s: fp32 / bf16", $"{Format(matmul32)} / {Format(matmul16)} ({Format(matmul16 / matmul32, "F2")}x)", "baseline");
        foreach (var fixedLength in new[] { false, true })
        {
            var shape = fixedLength ? $"fixed {BenchmarkData.MaxLength}" : "SST-2 lengths";
            Progress($"Training precision, {shape}: fp32 and bf16, {Rounds} rounds each, alternating");
            // Emulated bf16 (no native support) runs about a hundred times slower: a smoke run's steps show it.
            var (fp32, bf16) = BestOfRounds(
                () => benchmark.Run(fixedLength),
                () => benchmark.Run(fixedLength, TrainingPrecision.Bf16, stepSizes: CpuFeatures.SupportsBf16 ? null : BenchmarkSizes.Quick));
            var ratio = bf16.SequencesPerSecond / fp32.SequencesPerSecond;
            _table.Add(Section, $"{shape}: sequences/s fp32 / bf16", $"{Format(fp32.SequencesPerSecond)} / {Format(bf16.SequencesPerSecond)} ({Format(ratio, "F2")}x)", ">= 1.6x", ratio >= 1.6);
            double Achieved(TrainingFigures f) => 6.0 * nonEmbedding * f.PaddedTokensPerSecond / 1e9;
            _table.Add(Section, $"{shape}: GFLOP/s fp32 (of fp32 matmul) / bf16 (of bf16 matmul)",
                $"{Format(Achieved(fp32))} ({Format(100 * Achieved(fp32) / matmul32, "F0")}%) / {Format(Achieved(bf16))} ({Format(100 * Achieved(bf16) / matmul16, "F0")}%)");
            _table.Add(Section, $"{shape}: clip + AdamW + zero_grad share fp32 / bf16", $"{Format(100 * fp32.OptimizerShare, "F0")}% / {Format(100 * bf16.OptimizerShare, "F0")}%");
            foreach (var (name, figures, type) in new[] { ("fp32", fp32, ScalarType.Float32), ("bf16", bf16, ScalarType.BFloat16) })
            {
                _table.Add(Section, $"{shape}, {name}: step split forward / backward / optimizer; encoder linear products alone", Profile(data, figures, type));
            }
        }

        _table.Note($"Precision: the same steps as section 1; bf16 runs the matrix products and activations in bfloat16 (MixedPrecision), fp32 master weights, gradients and AdamW state, "
            + $"layer norms, residual stream and loss in fp32. GFLOP/s counts the {Format(nonEmbedding / 1e6)}M non-embedding parameters. bf16 native on this CPU: {CpuFeatures.SupportsBf16}"
            + (CpuFeatures.SupportsBf16 ? "." : " (bf16 products are emulated here, so no speed-up is expected; the target needs avx512_bf16 or amx_bf16).")
            + $" Each figure is the fastest of {Rounds} runs, the variants alternating round by round.");
    }

    /// <summary>Forward + backward of one block's parts alone, at a typical SST-2 batch's length and at 128: fp32, and bf16 where this CPU computes it natively.</summary>
    private void LayerParts(BenchmarkData data)
    {
        const string Section = "8 One transformer block's parts, forward + backward (batch 32), ms: fp32 / bf16";
        foreach (var length in new[] { 16, BenchmarkData.MaxLength })
        {
            Progress($"Layer profile, length {length}");
            IReadOnlyList<(string Part, double Milliseconds)>? fp32 = null, bf16 = null;
            for (var round = 0; round < Rounds; round++)
            {
                fp32 = Fastest(fp32, LayerProfile.Run(data.BaseModel.Config, TrainingBenchmark.BatchSize, length, null, _sizes.MinimumDuration));
                // Emulated bf16 (no avx512_bf16 or amx_bf16) is several times slower than fp32 and says nothing about the target.
                bf16 = CpuFeatures.SupportsBf16
                    ? Fastest(bf16, LayerProfile.Run(data.BaseModel.Config, TrainingBenchmark.BatchSize, length, ScalarType.BFloat16, _sizes.MinimumDuration))
                    : null;
            }

            foreach (var (part, a) in fp32!)
            {
                var b = bf16?.Single(p => p.Part == part).Milliseconds;
                _table.Add(Section, $"length {length}: {part}", b is { } ms ? $"{Format(a, "F2")} / {Format(ms, "F2")} ({Format(a / ms, "F2")}x)" : $"{Format(a, "F2")} / not run (bf16 emulated here)");
            }
        }
    }

    private static IReadOnlyList<(string Part, double Milliseconds)> Fastest(IReadOnlyList<(string Part, double Milliseconds)>? best, IReadOnlyList<(string Part, double Milliseconds)> run) =>
        best is null ? run : [.. best.Zip(run, (b, r) => (b.Part, Math.Min(b.Milliseconds, r.Milliseconds)))];

    private void StepQuality() => new StepQualityBenchmark(options.SharedDatasets, _table, options.Quick ? 1_000 : 8_000).Run();

    /// <summary>
    /// The fastest of <see cref="Rounds"/> runs of each variant, the variants alternating round by round, so that a slow
    /// spell of a shared machine does not land on one variant only and the ratios compare like with like.
    /// </summary>
    private static TrainingFigures[] BestOfRounds(params Func<TrainingFigures>[] variants)
    {
        var best = new TrainingFigures?[variants.Length];
        for (var round = 0; round < Rounds; round++)
        {
            for (var v = 0; v < variants.Length; v++)
            {
                var figures = variants[v]();
                Progress($"  round {round + 1}, variant {v + 1}: {figures.SequencesPerSecond:F1} sequences/s");
                if (best[v] is not { } current || figures.SequencesPerSecond > current.SequencesPerSecond)
                {
                    best[v] = figures;
                }
            }
        }

        return [.. best.Select(f => f!)];
    }

    private static (TrainingFigures First, TrainingFigures Second) BestOfRounds(Func<TrainingFigures> first, Func<TrainingFigures> second) =>
        BestOfRounds([first, second]) is [var a, var b] ? (a, b) : throw new InvalidOperationException();

    /// <summary>Where a run's step time went, with the share its encoder's linear products take when timed alone at the same shapes.</summary>
    private string Profile(BenchmarkData data, TrainingFigures figures, ScalarType type)
    {
        var tokens = (int)Math.Round((double)figures.PaddedTokens / figures.Steps);
        var linear = MatmulBaseline.EncoderLinearSeconds(data.BaseModel.Config, tokens, _sizes.MinimumDuration, type) * figures.Steps;
        return $"{Format(100 * figures.ForwardShare, "F0")}% / {Format(100 * figures.BackwardShare, "F0")}% / {Format(100 * figures.OptimizerShare, "F0")}%; "
            + $"{Format(100 * linear / figures.Seconds, "F0")}%";
    }

    private void AddTraining(string section, string name, TrainingFigures figures)
    {
        _table.Add(section, $"{name}: sequences/s", Format(figures.SequencesPerSecond));
        _table.Add(section, $"{name}: tokens/s incl. padding", Format(figures.PaddedTokensPerSecond, "N0"));
        _table.Add(section, $"{name}: real tokens/s", Format(figures.RealTokensPerSecond, "N0"));
        _table.Add(section, $"{name}: clip + AdamW + zero_grad share", $"{Format(100 * figures.OptimizerShare, "F0")}%");
    }

    private void AddFlops(string section, string name, long parameters, TrainingFigures fixedLength, TrainingFigures dynamic, double matmul)
    {
        foreach (var (label, figures) in new[] { ("fixed 128", fixedLength), ("dynamic", dynamic) })
        {
            var achieved = 6.0 * parameters * figures.PaddedTokensPerSecond / 1e9;
            var ratio = achieved / matmul;
            _table.Add(section, $"{label}, {name}", $"{Format(achieved)} ({Format(100 * ratio, "F0")}%)", ">= 70% of matmul", ratio >= 0.7);
        }
    }

    private void Inference(BenchmarkData data)
    {
        var sequences = data.SampleSequences(_sizes.InferenceTexts);
        var ours = new InferenceBenchmark(data, _sizes);
        Progress("Inference, ONNX Runtime fp32");
        InferenceFigures ort;
        using (var onnx = new OnnxBaseline(data.BaseModel.WeightsPath!, data.Tokenizer.PadId))
        {
            ort = onnx.Run(sequences, _sizes);
        }

        Progress("Inference, ONNX Runtime fp32 with the predictor's scheduling");
        InferenceFigures ortPerCore;
        using (var onnx = new OnnxBaseline(data.BaseModel.WeightsPath!, data.Tokenizer.PadId, passesPerCore: true))
        {
            ortPerCore = onnx.Run(sequences, _sizes);
        }

        Progress("Inference, ours fp32");
        var fp32 = ours.Run(sequences, bf16: false);
        Progress("Inference, ours bf16");
        var bf16 = ours.Run(sequences, bf16: true);
        Progress("Inference, served ONNX fp32");
        var servedFp32 = ours.RunServed(sequences, Platform.Modeling.Onnx.OnnxWeights.Float32);
        Progress("Inference, served ONNX int8");
        var servedInt8 = ours.RunServed(sequences, Platform.Modeling.Onnx.OnnxWeights.Int8);

        const string Section = "3 Inference";
        _table.Add(Section, "ORT fp32: sequences/s (batch 64)", Format(ort.SequencesPerSecond), "baseline");
        _table.Add(Section, "ORT fp32, one 1-thread pass per core: sequences/s (batch 64)", $"{Format(ortPerCore.SequencesPerSecond)} ({Format(ortPerCore.SequencesPerSecond / ort.SequencesPerSecond, "F2")}x ORT)", "second baseline");
        var compared = new[] { ("ours fp32", fp32), ("ours bf16", bf16), ("served ONNX fp32", servedFp32), ("served ONNX int8", servedInt8) };
        foreach (var (name, figures) in compared)
        {
            var ratio = figures.SequencesPerSecond / ort.SequencesPerSecond;
            var perCore = name.StartsWith("served", StringComparison.Ordinal) ? $", {Format(figures.SequencesPerSecond / ortPerCore.SequencesPerSecond, "F2")}x second" : "";
            _table.Add(Section, $"{name}: sequences/s (batch 64)", $"{Format(figures.SequencesPerSecond)} ({Format(ratio, "F2")}x ORT{perCore})", ">= 3x ORT fp32", ratio >= 3);
        }

        _table.Add(Section, "ORT fp32: latency p50 / p99 ms", $"{Format(ort.P50Milliseconds, "F2")} / {Format(ort.P99Milliseconds, "F2")}", "baseline");
        foreach (var (name, figures) in compared)
        {
            var (target, limit) = name == "served ONNX int8" ? ("p50 <= 2 ms", 2.0) : ("p50 <= 15 ms", 15.0);
            _table.Add(Section, $"{name}: latency p50 / p99 ms", $"{Format(figures.P50Milliseconds, "F2")} / {Format(figures.P99Milliseconds, "F2")} ({Format(figures.P50Milliseconds / ort.P50Milliseconds, "F2")}x ORT p50)", target, figures.P50Milliseconds <= limit);
        }

        _table.Note($"Inference: {sequences.Count:N0} SST-2 texts (evenly spaced sample) as token ids, length-sorted batches of 64 with dynamic padding; latency is batch 1 over {_sizes.LatencyRuns} runs after {_sizes.LatencyWarmup} warm-up runs, cycling through the texts. "
            + "Ours runs ModelScorer (encoder + pooler + classifier head + softmax); ORT runs the original MiniLM ONNX and returns last_hidden_state (no pooler, no head), "
            + $"with {Environment.ProcessorCount} intra-op threads and graph optimization ALL. bf16 is model.to(BFloat16); ORT stays fp32. "
            + "Served = the classifier exported as packages export it (model.onnx, model.int8.onnx) and scored by the predictor's OnnxScorer, head and softmax included, "
            + "with its scheduling: one single-threaded pass per core at once, batches cut where padding costs more than a pass (ScoringBatches). "
            + "The second baseline runs the original export under that same scheduling, so the served/second ratio is the gain of the graph alone.");
    }

    private async Task HttpAsync(BenchmarkData data)
    {
        using var benchmark = new HttpServingBenchmark(data, _sizes);
        Progress($"HTTP serving: fine-tuning MiniLM on {_sizes.HttpTrainingRows} rows for the package");
        var trained = benchmark.Train();
        var precision = trained.Precision.Precision;
        Progress("HTTP serving: package load time");
        var loadFp32 = benchmark.LoadMilliseconds(InferencePrecision.Fp32);
        var loadInt8 = benchmark.LoadMilliseconds(InferencePrecision.Int8);
        var texts = data.Texts.Where((_, i) => i % 7 == 3).Take(Math.Max(_sizes.HttpRequests, 512)).ToList();
        Progress($"HTTP serving: in-process batch rate ({precision})");
        var inProcess = benchmark.InProcessBatchRate(texts, precision);
        var model = await benchmark.PublishAsync();

        const string Section = "6 Serving over HTTP (DevHost, loopback)";
        _table.Add(Section, "package load: fp32 / int8 ms (verify + ONNX Runtime session)", $"{Format(loadFp32, "N0")} / {Format(loadInt8, "N0")}");
        _table.Add(Section, $"in process, Predictor.Predict, batch 64 ({precision}): texts/s", Format(inProcess), "baseline");
        foreach (var coalesce in new[] { true, false })
        {
            var name = coalesce ? "coalescing" : "no coalescing";
            Progress($"HTTP serving: DevHost, {name}");
            var (first, single, concurrent) = await benchmark.ServeAsync(model, texts, precision, coalesce, _sizes.HttpRequests, _sizes.HttpClients);
            var ratio = concurrent.RequestsPerSecond / inProcess;
            _table.Add(Section, $"{name}: first request ms (download + verify + load + predict)", Format(first, "N0"));
            _table.Add(Section, $"{name}: 1 client, req/s; p50 / p99 ms", $"{Format(single.RequestsPerSecond)}; {Format(single.P50Milliseconds, "F1")} / {Format(single.P99Milliseconds, "F1")}");
            _table.Add(Section, $"{name}: {_sizes.HttpClients} clients x {_sizes.HttpRequests:N0} req, req/s (vs in process)", $"{Format(concurrent.RequestsPerSecond)} ({Format(100 * ratio, "F0")}%)", ">= 60% of in process", ratio >= 0.6);
            _table.Add(Section, $"{name}: {_sizes.HttpClients} clients, p50 / p99 ms; texts per forward pass", $"{Format(concurrent.P50Milliseconds, "F1")} / {Format(concurrent.P99Milliseconds, "F1")}; {Format(concurrent.TextsPerPass, "F1")}");
        }

        _table.Note($"HTTP: MiniLM fine-tuned 1 epoch on {_sizes.HttpTrainingRows} SST-2 rows (FineTuner, the runner's path; the package chose {precision}: validation fp32 {Format(trained.Precision.Fp32Score ?? double.NaN, "F4")}, int8 {Format(trained.Precision.Int8Score ?? double.NaN, "F4")}), "
            + "published to Azurite as models/{model}/v1/ + current.json, served by DevHost's composition of the Functions app in this process on a loopback port. "
            + $"Each request is POST /api/models/{{model}}/predict with one SST-2 text; the same {texts.Count:N0} texts feed the in-process baseline (all at once, batches of 64). "
            + "Client and server share this machine's cores. No coalescing = Handlers:Predictor:MaxCoalescedTexts 1: one forward pass per request, as many at once as the predictor runs passes (one per core).");
    }

    private static (long All, long NonEmbedding) ParameterCounts(BenchmarkData data)
    {
        using var model = data.CreateModel();
        var parameters = model.named_parameters().ToList();
        return (parameters.Sum(p => p.parameter.numel()), parameters.Where(p => !p.name.Contains("embeddings", StringComparison.Ordinal)).Sum(p => p.parameter.numel()));
    }

    internal static void Progress(string step) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {step}…");
}
