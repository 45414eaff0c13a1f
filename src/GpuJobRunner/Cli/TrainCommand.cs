using System.CommandLine;
using System.Text.Json;
using Platform.Modeling.FineTuning;
using Platform.Modeling.Training;
using Platform.Shared.Datasets;
using Platform.Shared.Training;

namespace Platform.GpuJobRunner.Cli;

/// <summary><c>train --data file.csv [...]</c>: the whole job, from CSV to model package.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var defaults = new TrainingOptions();
        var data = new Option<FileInfo>("--data") { Description = "CSV with a header row: text,label (or text,labels with ';' for multi-label).", Required = true };
        var baseModel = new Option<string>("--base") { Description = "minilm-l6 (built in), tiny-random, or a folder with config.json, vocab.txt and model.safetensors.", DefaultValueFactory = _ => "minilm-l6" };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for the model package.", DefaultValueFactory = _ => new DirectoryInfo("model") };
        var epochs = new Option<int?>("--epochs") { Description = FormattableString.Invariant($"Passes over the training split (default: from its size, about {AutoSettings.TargetExamplesSeen:N0} examples shown, 1 to {AutoSettings.MaxAutoEpochs}).") };
        var learningRate = new Option<double?>("--lr") { Description = "Peak learning rate (default: from the base model's width, 1e-4 for MiniLM)." };
        var batchSize = new Option<int>("--batch-size") { DefaultValueFactory = _ => defaults.BatchSize };
        var maxLength = new Option<int>("--max-length") { DefaultValueFactory = _ => defaults.MaxLength };
        var multiLabel = new Option<bool>("--multi-label") { Description = "Force multi-label (default: when the CSV has a 'labels' column)." };
        var classWeights = new Option<ClassWeighting>("--class-weights") { Description = "none or balanced.", DefaultValueFactory = _ => ClassWeighting.None };
        var pooling = new Option<Pooling>("--pooling") { Description = "auto (what the base model was trained for), cls or mean.", DefaultValueFactory = _ => defaults.Pooling };
        var vocabulary = new Option<VocabularyMode>("--vocabulary") { Description = "auto (add the frequent unknown characters when 1% or more of the training tokens are [UNK]), base or extend.", DefaultValueFactory = _ => defaults.Vocabulary };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => defaults.Seed };
        var patience = new Option<int>("--patience") { Description = "Evaluations without improvement before stopping (0: never).", DefaultValueFactory = _ => defaults.EarlyStoppingPatience };
        var evalSteps = new Option<int>("--eval-steps") { Description = "Also evaluate every N steps (0: per epoch)." };
        var accumulation = new Option<int>("--grad-accum") { DefaultValueFactory = _ => 1 };
        var maxSteps = new Option<int>("--max-steps") { Description = "Stop after N optimizer steps (0: no limit)." };
        var checkpoint = new Option<DirectoryInfo?>("--checkpoint") { Description = "Checkpoint folder; an existing checkpoint there is resumed." };
        var device = new Option<string>("--device") { DefaultValueFactory = _ => "auto" };
        var precision = new Option<TrainingPrecision>("--precision")
        {
            Description = "auto (bf16 on a CPU that computes it natively, fp16 on CUDA, else fp32), fp32, bf16 or fp16 (CUDA).", DefaultValueFactory = _ => defaults.Precision,
        };
        var embeddingUpdate = new Option<EmbeddingUpdate>("--embedding-update")
        {
            Description = "lazy (AdamW on the rows the batches used), dense (every row every step) or frozen (needs --vocabulary base).", DefaultValueFactory = _ => defaults.EmbeddingUpdate,
        };
        var textColumn = new Option<string>("--text-column") { DefaultValueFactory = _ => "text" };
        var labelColumn = new Option<string>("--label-column") { DefaultValueFactory = _ => "label" };
        var minRows = new Option<int>("--min-rows") { DefaultValueFactory = _ => new DatasetOptions().MinRows };

        var command = new Command("train", "Validate a CSV, fine-tune, evaluate on a held-out split and write a model package.")
        {
            data, baseModel, output, epochs, learningRate, batchSize, maxLength, multiLabel, classWeights, pooling, vocabulary, seed, patience, evalSteps, accumulation, maxSteps, checkpoint, device, precision, embeddingUpdate, textColumn, labelColumn, minRows,
        };
        // The flag that sets each training and dataset option, to name it next to the rule it broke.
        var flags = new Dictionary<string, Option>(StringComparer.Ordinal)
        {
            [Json(nameof(TrainingOptions.Epochs))] = epochs,
            [Json(nameof(TrainingOptions.LearningRate))] = learningRate,
            [Json(nameof(TrainingOptions.BatchSize))] = batchSize,
            [Json(nameof(TrainingOptions.MaxLength))] = maxLength,
            [Json(nameof(TrainingOptions.ClassWeighting))] = classWeights,
            [Json(nameof(TrainingOptions.Pooling))] = pooling,
            [Json(nameof(TrainingOptions.Vocabulary))] = vocabulary,
            [Json(nameof(TrainingOptions.EarlyStoppingPatience))] = patience,
            [Json(nameof(TrainingOptions.EvaluateEverySteps))] = evalSteps,
            [Json(nameof(TrainingOptions.GradientAccumulationSteps))] = accumulation,
            [Json(nameof(TrainingOptions.MaxSteps))] = maxSteps,
            [Json(nameof(TrainingOptions.Device))] = device,
            [Json(nameof(TrainingOptions.Precision))] = precision,
            [Json(nameof(TrainingOptions.EmbeddingUpdate))] = embeddingUpdate,
            [Json(nameof(DatasetOptions.TextColumn))] = textColumn,
            [Json(nameof(DatasetOptions.LabelColumn))] = labelColumn,
            [Json(nameof(DatasetOptions.MinRows))] = minRows,
        };
        command.SetAction((result, cancellationToken) => Task.FromResult(CommandGuard.Run(() =>
        {
            var training = new TrainingOptions
            {
                Epochs = result.GetValue(epochs),
                LearningRate = result.GetValue(learningRate),
                BatchSize = result.GetValue(batchSize),
                MaxLength = result.GetValue(maxLength),
                ClassWeighting = result.GetValue(classWeights),
                Pooling = result.GetValue(pooling),
                Vocabulary = result.GetValue(vocabulary),
                Seed = result.GetValue(seed),
                EarlyStoppingPatience = result.GetValue(patience),
                EvaluateEverySteps = result.GetValue(evalSteps),
                GradientAccumulationSteps = result.GetValue(accumulation),
                MaxSteps = result.GetValue(maxSteps),
                Device = result.GetValue(device)!,
                Precision = result.GetValue(precision),
                EmbeddingUpdate = result.GetValue(embeddingUpdate),
            };
            var dataset = new DatasetOptions
            {
                TextColumn = result.GetValue(textColumn)!,
                LabelColumn = result.GetValue(labelColumn)!,
                MultiLabel = result.GetValue(multiLabel) ? true : null,
                MinRows = result.GetValue(minRows),
            };
            // The API's rules and messages, before any file is read.
            var problems = TrainingOptionRules.Check(training).Concat(DatasetOptionRules.Check(dataset)).ToList();
            if (problems.Count > 0)
            {
                foreach (var problem in problems)
                {
                    Console.Error.WriteLine(flags.TryGetValue(problem.Option, out var flag) ? $"error: {flag.Name}: {problem.Message}" : $"error: {problem.Message}");
                }

                return ExitCodes.BadInput;
            }

            var request = new FineTuneRequest(result.GetValue(data)!.FullName, result.GetValue(output)!.FullName)
            {
                BaseModel = result.GetValue(baseModel)!,
                CheckpointDirectory = result.GetValue(checkpoint)?.FullName,
                Training = training,
                Dataset = dataset,
                Split = new SplitOptions(Seed: result.GetValue(seed)),
            };
            return Train(request, cancellationToken);
        })));
        return command;
    }

    private static string Json(string property) => JsonNamingPolicy.CamelCase.ConvertName(property);

    private static int Train(FineTuneRequest request, CancellationToken cancellationToken)
    {
        var outcome = ProgressReporter.Run(progress => FineTuner.Run(request, progress, cancellationToken));
        Console.WriteLine(outcome.Validation.ToText());
        Console.WriteLine(ResultPrinter.Training(outcome));
        return ExitCodes.Ok;
    }
}
