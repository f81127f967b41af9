using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Ghn.Cli.Commands.Eval;
using Ghn.Training.Data;
using Ghn.Training.Evaluation;
using Ghn.Training.Sampling;
using static TorchSharp.torch;
using Ghn.Build.Tool;

namespace Ghn.Cli.Commands;

/// <summary>
/// <c>ghn eval --checkpoint FILE [--family NAME] [--project CSPROJ] [--finetune --steps N [--shots K]]</c>:
/// test accuracy of networks with GHN-predicted parameters and no training (BatchNorm with the statistics of test
/// batches of 64, as the reference evaluates), beside the same networks at TorchSharp's default initialisation;
/// optionally SGD fine-tuning curves from both.
/// </summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var checkpoint = new CheckpointOption();
        var family = new Option<string?>("--family") { Description = $"Evaluate held-out sampled architectures of this family ({string.Join(", ", ArchitectureFamily.All.Select(f => f.Name))}). Default when no project is given: {ArchitectureFamily.Mixed.Name}." };
        var count = new Option<int>("--count") { Description = "Sampled architectures to evaluate.", DefaultValueFactory = _ => 20 };
        var project = new Option<FileInfo?>("--project") { Description = "Evaluate the [GhnInit] models of this project (extracted from source, like the build does)." };
        var models = new Option<string[]>("--model") { Description = "With --project: evaluate only the models of these names (repeat).", AllowMultipleArgumentsPerToken = true };
        var data = new Option<DirectoryInfo?>("--data") { Description = Datasets.Description };
        var imageSize = new Option<int?>("--image-size") { Description = "Resize an image folder's images to this side (pixels)." };
        var testImages = new Option<int?>("--test-images") { Description = "Evaluate on a class-balanced sample of this many test images (default: all)." };
        var finetune = new Option<bool>("--finetune") { Description = "Also fine-tune every network with SGD from both initialisations and print the curves." };
        var steps = new Option<int>("--steps") { Description = "Fine-tuning steps.", DefaultValueFactory = _ => 200 };
        var evaluateEvery = new Option<int?>("--eval-every") { Description = "Steps between points of the fine-tuning curves (default: a tenth of --steps)." };
        var shots = new Option<int?>("--shots") { Description = "Fine-tune on this many training images per class (the reference's 100-shot experiment: --shots 100)." };
        var learningRate = new Option<double>("--lr") { Description = "Fine-tuning SGD learning rate (momentum 0.9, batch 64).", DefaultValueFactory = _ => 0.01 };
        var plots = new Option<DirectoryInfo?>("--plots") { Description = "Write PNG figures (zero-shot bars, fine-tuning curves) into this directory." };
        var seed = new Option<int>("--seed") { Description = "Seed of the sampled architectures, the default initialisation and the fine-tuning data order (meta-training validates on seed 1).", DefaultValueFactory = _ => 7 };
        var command = new Command("eval", "Measure the accuracy of GHN-predicted parameters without training, against default initialisation.")
        {
            checkpoint.Location, checkpoint.Sha256, family, count, project, models, data, imageSize, testImages, finetune, steps, evaluateEvery, shots, learningRate, plots, seed,
        };
        command.SetAction(parse => CommandErrors.Run(() =>
        {
            NativeRuntimeSettings.Apply();
            var dataDirectory = parse.GetValue(data)?.FullName;
            var dataset = Datasets.Load(dataDirectory, parse.GetValue(imageSize), Console.Error);
            var settings = new Settings(
                checkpoint.Resolve(parse),
                parse.GetValue(testImages),
                parse.GetValue(finetune),
                new FineTuningOptions(parse.GetValue(steps), parse.GetValue(evaluateEvery) ?? Math.Max(1, parse.GetValue(steps) / 10), LearningRate: parse.GetValue(learningRate), Seed: parse.GetValue(seed)),
                parse.GetValue(shots),
                parse.GetValue(plots)?.FullName,
                parse.GetValue(seed));
            var projectPath = parse.GetValue(project)?.FullName;
            var familyName = parse.GetValue(family);
            var selected = parse.GetValue(models) ?? [];
            if (selected.Length > 0 && projectPath is null)
            {
                throw new ArgumentException("--model selects models of --project; sampled architectures are chosen with --family and --count.");
            }

            var architectures = new List<EvaluatedArchitecture>();
            if (familyName is not null || projectPath is null)
            {
                var task = dataset.Shape;
                architectures.AddRange(ArchitectureSources.Sampled(familyName ?? ArchitectureFamily.Mixed.Name, parse.GetValue(count), settings.Seed, task));
            }

            if (projectPath is not null)
            {
                var available = ArchitectureSources.FromProject(projectPath);
                if (selected.FirstOrDefault(name => available.All(a => a.Name != name)) is { } unknown)
                {
                    throw new ArgumentException($"--model {unknown}: no such model in {projectPath}. Models: {string.Join(", ", available.Select(a => a.Name))}.");
                }

                architectures.AddRange(available.Where(a => selected.Length == 0 || selected.Contains(a.Name)));
            }

            return Run(settings, dataset, architectures);
        }));
        return command;
    }

    private static int Run(Settings settings, ImageDataset data, IReadOnlyList<EvaluatedArchitecture> architectures)
    {
        if (settings.Shots is <= 0 || settings.TestImages is <= 0)
        {
            throw new ArgumentException("--shots and --test-images must be positive.");
        }

        using var ghn = GraphHyperNetwork.Load(settings.Checkpoint);
        TaskMismatch.Report(ghn, data, Console.Error);
        var normalization = Normalization.Of(data.Train);
        var classes = data.Test.ClassCount;
        var test = settings.TestImages is { } n && n < data.Test.Count ? data.Test.SampleBalanced(Math.Max(1, n / classes), settings.Seed) : data.Test;
        var train = settings.Shots is { } k ? data.Train.SampleBalanced(k, settings.Seed) : data.Train;
        var setting = settings.Shots is { } shots ? $"{shots}-shot, {train.Count} images" : $"{train.Count} images";
        Console.WriteLine($"GHN {ghn.Config.ToJson()} ({ghn.ParameterCount:N0} parameters) from {settings.Checkpoint}");
        Console.WriteLine($"data: {data.Source}; {test.Count} test images, BatchNorm with the statistics of batches of {BatchStatisticsEvaluator.DefaultBatchSize}");
        Console.WriteLine(
            $"GHN: BatchNorm with batch statistics (the reference's protocol); GHN eval: evaluation mode after BatchNormCalibration on " +
            $"{BatchStatisticsEvaluator.DefaultCalibrationBatches} batches of {BatchStatisticsEvaluator.DefaultBatchSize} training images (what ApplyGhnInit() users see)");
        Console.WriteLine();
        Console.WriteLine($"{"architecture",-36} {"parameters",11} {"GHN",7} {"GHN eval",9} {"default",8} {"predict",9}");

        if (architectures.Count > 0)
        {
            // The first prediction of a process also loads and initialises LibTorch's kernels: not part of the timing.
            using var warmUp = NewDisposeScope();
            ghn.Predict(architectures[0].Graph.ToPrimitiveGraph());
        }

        var zeroShot = new List<(string Name, double Ghn, double Default)>();
        var calibrated = new List<double>();
        var fineTuned = new List<(string Name, double Ghn, double Default, int? DefaultStepsToGhn)>();
        foreach (var architecture in architectures)
        {
            using var scope = NewDisposeScope();
            var start = Stopwatch.GetTimestamp();
            var predictions = ghn.Predict(architecture.Graph.ToPrimitiveGraph());
            var predictTime = Stopwatch.GetElapsedTime(start);
            var predicted = DefaultInitialization.WithPredicted(architecture.Graph, predictions, settings.Seed);
            var defaults = DefaultInitialization.For(architecture.Graph, settings.Seed);
            var row = $"{architecture.Name,-36} {architecture.Graph.ParameterCount,11:N0}";
            double ghnAccuracy, calibratedAccuracy, defaultAccuracy;
            try
            {
                var evaluator = new BatchStatisticsEvaluator(architecture.Graph);
                ghnAccuracy = evaluator.Accuracy(predicted, test, normalization);
                calibratedAccuracy = evaluator.CalibratedAccuracy(predicted, data.Train, test, normalization, seed: settings.Seed);
                defaultAccuracy = evaluator.Accuracy(defaults, test, normalization);
            }
            catch (ArgumentException e)
            {
                // A model built for other inputs (a 3-channel CIFAR network) cannot see these images.
                Console.WriteLine($"{row} skipped: {e.Message.Split('\n')[0]}");
                continue;
            }

            zeroShot.Add((architecture.Name, ghnAccuracy, defaultAccuracy));
            calibrated.Add(calibratedAccuracy);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{row} {Summary.Percent(ghnAccuracy),7} {Summary.Percent(calibratedAccuracy),9} {Summary.Percent(defaultAccuracy),8} {predictTime.TotalMilliseconds,7:F0} ms"));
            if (settings.FineTune)
            {
                var fromGhn = FineTuning.Run(architecture.Graph, predicted, train, test, normalization, settings.FineTuning);
                var fromDefault = FineTuning.Run(architecture.Graph, defaults, train, test, normalization, settings.FineTuning);
                var reach = FineTuning.StepsToReach(fromDefault, ghnAccuracy);
                fineTuned.Add((architecture.Name, fromGhn[^1].Accuracy, fromDefault[^1].Accuracy, reach));
                Console.WriteLine($"    fine-tuning ({setting}) from GHN:     {Curve(fromGhn)}");
                Console.WriteLine($"    fine-tuning ({setting}) from default: {Curve(fromDefault)}");
                Console.WriteLine(reach is { } steps
                    ? $"    default initialisation reaches the GHN's zero-shot {Summary.Percent(ghnAccuracy)} after {steps} SGD steps"
                    : $"    default initialisation does not reach the GHN's zero-shot {Summary.Percent(ghnAccuracy)} within {settings.FineTuning.Steps} SGD steps");
                if (settings.PlotDirectory is not null)
                {
                    EvaluationPlots.FineTuning(settings.PlotDirectory, architecture.Name, fromGhn, fromDefault, setting);
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine(
            $"zero-shot, {zeroShot.Count} architectures: GHN {Summary.MeanStd(zeroShot.Select(r => r.Ghn).ToArray())}, " +
            $"GHN in evaluation mode after calibration {Summary.MeanStd([.. calibrated])}, default initialisation {Summary.MeanStd(zeroShot.Select(r => r.Default).ToArray())}");
        if (settings.FineTune && fineTuned.Count > 0)
        {
            Console.WriteLine($"after {settings.FineTuning.Steps} SGD steps ({setting}): from GHN {Summary.MeanStd(fineTuned.Select(r => r.Ghn).ToArray())}, from default {Summary.MeanStd(fineTuned.Select(r => r.Default).ToArray())}");
            Console.WriteLine($"SGD steps default initialisation needs to reach the GHN's zero-shot accuracy: {string.Join(", ", fineTuned.Select(r => $"{r.Name} {(r.DefaultStepsToGhn is { } s ? s.ToString(CultureInfo.InvariantCulture) : $">{settings.FineTuning.Steps}")}"))}");
        }

        if (settings.PlotDirectory is not null && zeroShot.Count > 0)
        {
            Console.WriteLine($"plots: {EvaluationPlots.ZeroShot(settings.PlotDirectory, zeroShot)}{(settings.FineTune ? " and the fine-tuning curves beside it" : "")}");
        }

        return 0;
    }

    private static string Curve(IReadOnlyList<CurvePoint> curve) =>
        string.Join(" ", curve.Select(p => $"{p.Step}:{Summary.Percent(p.Accuracy)}"));

    private sealed record Settings(
        string Checkpoint,
        int? TestImages,
        bool FineTune,
        FineTuningOptions FineTuning,
        int? Shots,
        string? PlotDirectory,
        int Seed);
}
