using System.CommandLine;
using System.Globalization;
using Ghn.Training.Data;
using Ghn.Training.Training;
using Ghn.Import;

namespace Ghn.Cli.Commands;

/// <summary>
/// <c>ghn train --preset NAME --out DIR [--resume] [--minutes N | --steps N] [--learning-rate LR] [--layers N] [--data DIR]</c>: meta-trains a
/// GHN (see <see cref="MetaTrainer"/>) with a named preset, checkpointing into DIR so that a stopped run resumes exactly.
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var preset = new Option<string>("--preset")
        {
            Description = "Training configuration: " + string.Join("; ", TrainingPresets.All.Select(p => $"{p.Name}: {p.Description}")),
            DefaultValueFactory = _ => TrainingPresets.FashionMnistDefault.Name,
        };
        preset.AcceptOnlyFromAmong(TrainingPresets.All.Select(p => p.Name).ToArray());
        var output = new Option<DirectoryInfo>("--out") { Description = "The run's directory: checkpoints (ghn.safetensors, ghn-best.safetensors, optimizer.bin, trainer-state.json) and the log (train-log.jsonl).", Required = true };
        var resume = new Option<bool>("--resume") { Description = "Continue the run in --out from its latest checkpoint (bit-identical to an uninterrupted run)." };
        var minutes = new Option<double?>("--minutes") { Description = "Stop after this many minutes of this session (checkpointed; --resume continues). The schedule length stays the preset's." };
        var steps = new Option<int?>("--steps") { Description = "Length of a new run's schedule in steps (default: the preset's); warm-up shrinks to at most a tenth of it." };
        var learningRate = new Option<double?>("--learning-rate") { Description = "Peak learning rate of a new run's schedule (default: the preset's); a stage continued with --init-from keeps more of what it starts from at a lower one." };
        var data = new Option<DirectoryInfo?>("--data") { Description = Datasets.Description + $" (Fashion-MNIST from {FashionMnist.InstalledDirectory}, else the subset shipped in Ghn.Training)" };
        var imageSize = new Option<int?>("--image-size") { Description = "Resize an image folder's images to this side (pixels)." };
        var initFrom = new Option<string?>("--init-from") { Description = "Start a new run from this GHN's weights (to train it further, or adapt it to your data) instead of a random initialisation; the optimizer and schedule start afresh. Its graph network (architecture, hid, layers, heads) must be the preset's (a GHN-3 may have fewer layers, see --layers); tensors of another decoder, max_shape or class count start afresh. A .safetensors, a reference .pt or a hub id, as for --checkpoint." };
        var architecture = new Option<string?>("--architecture") { Description = "ghn3 (the preset's Graphormer GHN) or ghn2 (GHN-2's gated graph network, same hid and max_shape) for a new run." };
        architecture.AcceptOnlyFromAmong("ghn3", "ghn2");
        var layers = new Option<int?>("--layers") { Description = "Graphormer layers of a new GHN-3 run (default: the preset's). From an --init-from GHN of fewer layers, the added layers start as the identity: the run starts from that GHN's predictions with more capacity." };
        var command = new Command("train", "Meta-train a graph hypernetwork on sampled architectures.") { preset, output, resume, minutes, steps, learningRate, data, imageSize, initFrom, architecture, layers };
        command.SetAction(parse => CommandErrors.Run(() => Run(
            TrainingPresets.Get(parse.GetValue(preset)!),
            parse.GetValue(output)!.FullName,
            parse.GetValue(resume),
            parse.GetValue(minutes),
            parse.GetValue(steps),
            parse.GetValue(learningRate),
            parse.GetValue(data)?.FullName,
            parse.GetValue(imageSize),
            parse.GetValue(initFrom) is { } initial ? CheckpointLocation.Resolve(initial, expectedSha256: null, Console.Error) : null,
            parse.GetValue(architecture),
            parse.GetValue(layers))));
        return command;
    }

    private static int Run(
        TrainingPreset preset, string directory, bool resume, double? minutes, int? steps, double? learningRate, string? dataDirectory, int? imageSize, string? initialCheckpoint, string? architecture, int? layers)
    {
        if (resume && initialCheckpoint is not null)
        {
            throw new ArgumentException("--init-from starts a new run; a resumed run continues from its own latest checkpoint.");
        }

        if (resume && architecture is not null)
        {
            throw new ArgumentException("--architecture starts a new run; a resumed run keeps its own.");
        }

        if (resume && learningRate is not null)
        {
            throw new ArgumentException("--learning-rate sets the schedule of a new run; a resumed run keeps the schedule it started with.");
        }

        if (learningRate is { } rate)
        {
            if (!(rate > 0 && double.IsFinite(rate)))
            {
                throw new ArgumentException($"--learning-rate must be a positive number, not {rate.ToString(CultureInfo.InvariantCulture)}.");
            }

            preset = preset with { Options = preset.Options with { LearningRate = rate } };
        }

        if (architecture == "ghn2")
        {
            preset = preset with { Options = preset.Options with { Architecture = GhnArchitecture.Ghn2 } };
        }

        if (layers is { } depth)
        {
            if (resume)
            {
                throw new ArgumentException("--layers sets the GHN of a new run; a resumed run keeps its own.");
            }

            if (depth < 1)
            {
                throw new ArgumentException($"--layers must be at least 1, not {depth}.");
            }

            if (preset.Options.Architecture != GhnArchitecture.Ghn3)
            {
                throw new ArgumentException("--layers sets the Graphormer layers of a GHN-3; GHN-2's gated graph network has none.");
            }

            preset = preset with { Options = preset.Options with { Layers = depth } };
        }

        if (minutes is <= 0)
        {
            throw new ArgumentException($"--minutes must be positive, not {minutes}.");
        }

        NativeRuntimeSettings.Apply();
        var data = Datasets.Load(dataDirectory, imageSize, Console.Error);
        using var trainer = resume ? Resume(directory, data, steps) : Start(preset, directory, data, steps, initialCheckpoint);
        Console.Error.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{(resume ? "resuming" : "starting")} {directory} at step {trainer.Step}/{trainer.Options.TotalSteps}{(trainer.Options.InitialCheckpoint is { } initial ? $" from {initial}" : "")}{(trainer.Initial is { } t && t.Copied < t.Total ? $" ({t.Copied} of the GHN's {t.Total} tensors from it; the others start afresh: added layers as the identity, those of another decoder, max_shape or class count newly initialised)" : "")}: GHN {trainer.Network.Config.ToJson()} ({trainer.Network.ParameterCount:N0} parameters) on {trainer.Network.Device.type.ToString().ToLowerInvariant()}, " +
            $"family '{trainer.Options.Family}', meta-batch {trainer.Options.MetaBatchSize} x {trainer.Options.BatchSize} images, data: {data.Source}."));

        if (trainer.Initial is { } from && from.Config.Decoder != trainer.Network.Config.Decoder)
        {
            // The same tensors decoded another way predict other weights: say so, since a preset choice made it silently.
            Console.Error.WriteLine($"warning: the initial GHN decodes with \"{GhnConfig.DecoderName(from.Config.Decoder)}\" and this run with \"{GhnConfig.DecoderName(trainer.Network.Config.Decoder)}\": the same tensors then predict other weights, worse until retrained. To continue that GHN as it is, use the preset it was trained with (the shipped GHN's: fmnist-wide-linear).");
        }

        using var cancellation = new CancellationTokenSource();
        ConsoleCancelEventHandler stop = (_, e) =>
        {
            // The first Ctrl+C finishes the current step and checkpoints; a second one kills the process.
            e.Cancel = !cancellation.IsCancellationRequested;
            cancellation.Cancel();
        };
        Console.CancelKeyPress += stop;
        try
        {
            using var log = new TrainingLog(directory);
            var progress = new ProgressReporter(Console.Error, interactive: !Console.IsErrorRedirected, trainer.Options.TotalSteps);
            new TrainingRun(trainer, directory, progress, log).Run(minutes is null ? null : TimeSpan.FromMinutes(minutes.Value), cancellation.Token);
        }
        finally
        {
            Console.CancelKeyPress -= stop;
        }

        Console.WriteLine($"latest: {Path.Combine(directory, TrainingCheckpoint.GhnFile)}");
        Console.WriteLine($"best:   {Path.Combine(directory, TrainingCheckpoint.BestGhnFile)}");
        return 0;
    }

    private static MetaTrainer Start(TrainingPreset preset, string directory, ImageDataset data, int? steps, string? initialCheckpoint)
    {
        if (TrainingCheckpoint.Exists(directory))
        {
            throw new InvalidOperationException($"'{directory}' already holds a training run; pass --resume to continue it or choose another --out.");
        }

        var options = steps is { } total
            ? preset.Options with { TotalSteps = total, WarmupSteps = Math.Min(preset.Options.WarmupSteps, total / 10) }
            : preset.Options;
        return new MetaTrainer(options with { InitialCheckpoint = initialCheckpoint }, data);
    }

    private static MetaTrainer Resume(string directory, ImageDataset data, int? steps)
    {
        if (steps is not null)
        {
            throw new ArgumentException("--steps sets the schedule of a new run; a resumed run keeps the schedule it started with (use --minutes to bound this session).");
        }

        var trainer = MetaTrainer.Resume(directory, data);
        var state = TrainingCheckpoint.ReadState(directory);
        if (state.DataSource != data.Source)
        {
            Console.Error.WriteLine($"warning: the run started on {state.DataSource} and now resumes on {data.Source}.");
        }

        return trainer;
    }
}
