using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Ghn.Cli.Commands.Eval;
using Ghn.Training.Data;
using Ghn.Training.Evaluation;
using Ghn.Training.Sampling;
using ScottPlot;
using Ghn.Build.Tool;

namespace Ghn.Cli.Commands;

/// <summary>
/// <c>ghn rank (--project CSPROJ | --family NAME --count N) --checkpoint GHN [--data DIR] [--val-images N] [--train-steps K] [--out DIR]</c>:
/// ranks candidate architectures by the accuracy of GHN-predicted parameters (<see cref="ArchitectureRanking"/>), and with
/// <c>--train-steps</c> compares that order with the accuracy after K SGD steps from default initialisation.
/// </summary>
internal static class RankCommand
{
    // ranking.csv's columns that --trained-from reads back.
    private const string ArchitectureColumn = "architecture";
    private const string TrainedAccuracyColumn = "trained_accuracy";

    public static Command Create()
    {
        var checkpoint = new CheckpointOption();
        var project = new Option<FileInfo?>("--project") { Description = "Rank the [GhnInit] models of this project." };
        var family = new Option<string?>("--family") { Description = "Rank held-out sampled architectures of this family: " + string.Join(", ", ArchitectureFamily.All.Select(f => f.Name)) + "." };
        var count = new Option<int>("--count") { Description = "How many sampled architectures.", DefaultValueFactory = _ => 20 };
        var data = new Option<DirectoryInfo?>("--data") { Description = Datasets.Description };
        var imageSize = new Option<int?>("--image-size") { Description = "Resize an image folder's images to this side (pixels)." };
        var validationImages = new Option<int>("--val-images") { Description = "Held-out images each candidate is evaluated on (class-balanced from the test split).", DefaultValueFactory = _ => 1000 };
        var trainSteps = new Option<int>("--train-steps") { Description = "Also train each candidate this many SGD steps from default initialisation, and correlate the two orders.", DefaultValueFactory = _ => 0 };
        var trainedFrom = new Option<FileInfo?>("--trained-from")
        {
            Description = "With --train-steps: reuse the accuracies after training from an earlier run's ranking.csv (same candidates, --seed, --val-images and --train-steps) instead of training again, to compare another GHN. (Without it, a run with --out records each accuracy as it is measured and the same command resumes after an interruption.)",
        };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Write ranking.csv and ranking.png here." };
        var seed = new Option<int>("--seed") { Description = "Seeds sampling, default initialisation and training batches.", DefaultValueFactory = _ => 1 };
        var command = new Command("rank", "Rank candidate architectures by the accuracy of GHN-predicted parameters, without training them.")
        {
            checkpoint.Location, checkpoint.Sha256, project, family, count, data, imageSize, validationImages, trainSteps, trainedFrom, output, seed,
        };
        command.SetAction(parse => CommandErrors.Run(() =>
        {
            NativeRuntimeSettings.Apply();
            var dataset = Datasets.Load(parse.GetValue(data)?.FullName, parse.GetValue(imageSize), Console.Error);
            var task = dataset.Shape;
            var candidates = parse.GetValue(project) is { } csproj
                ? ArchitectureSources.FromProject(csproj.FullName)
                : ArchitectureSources.Sampled(parse.GetValue(family) ?? throw new ArgumentException("Pass --project or --family to say which architectures to rank."), parse.GetValue(count), parse.GetValue(seed), task);
            var trained = parse.GetValue(trainedFrom) is { } csv ? ReadTrainedAccuracies(csv.FullName, parse.GetValue(trainSteps)) : null;
            return Run(checkpoint.Resolve(parse), dataset, candidates, parse.GetValue(validationImages), parse.GetValue(trainSteps), trained, parse.GetValue(output)?.FullName, parse.GetValue(seed));
        }));
        return command;
    }

    private static int Run(
        string checkpoint, ImageDataset data, IReadOnlyList<EvaluatedArchitecture> architectures, int validationImages, int trainSteps, IReadOnlyDictionary<string, double>? trained, string? output, int seed)
    {
        if (validationImages <= 0 || trainSteps < 0)
        {
            throw new ArgumentException("--val-images must be positive and --train-steps not negative.");
        }

        using var ghn = GraphHyperNetwork.Load(checkpoint);
        TaskMismatch.Report(ghn, data, Console.Error);
        var classes = data.Test.ClassCount;
        var validation = validationImages < data.Test.Count ? data.Test.SampleBalanced(Math.Max(1, validationImages / classes), seed) : data.Test;
        var names = architectures.Select(a => a.Name).ToList();
        if (trained is not null && names.Where(n => !trained.ContainsKey(n)).ToList() is { Count: > 0 } missing)
        {
            throw new ArgumentException(
                $"--trained-from has no accuracy for {missing.Count} of the {names.Count} candidates ({string.Join(", ", missing.Take(3))}{(missing.Count > 3 ? ", ..." : "")}): rank the same candidates as the earlier run (the same --project, or --family, --count and --seed).");
        }

        // Without --trained-from, a run that trains records each accuracy as it is measured and resumes from them.
        var journal = trained is null && trainSteps > 0 && output is not null
            ? TrainedAccuracyJournal.Open(output, string.Create(CultureInfo.InvariantCulture, $"train-steps {trainSteps}, seed {seed}, {validation.Count} validation images, data {data.Source}"))
            : null;
        var candidates = architectures.Select(a => new RankingCandidate(a.Name, a.Graph)).ToList();
        if (journal is not null)
        {
            trained = journal.MeasuredFor(candidates);
            if (trained.Count > 0)
            {
                Console.Error.WriteLine($"resuming: {trained.Count} of {names.Count} candidates were trained before ({Path.Combine(output!, TrainedAccuracyJournal.FileName)})");
            }
        }

        var start = Stopwatch.GetTimestamp();
        var progress = new SynchronousProgress<CandidateScore>(score =>
        {
            if (score.TrainedAccuracy is { } measured)
            {
                journal?.Record(candidates[score.Done - 1], measured);
            }

            var elapsed = Stopwatch.GetElapsedTime(start);
            var eta = TimeSpan.FromSeconds(elapsed.TotalSeconds / score.Done * (score.Total - score.Done));
            Console.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"scored {score.Done}/{score.Total} {score.Name}: GHN {100 * score.PredictedAccuracy:F1}%{(score.TrainedAccuracy is { } t ? $", trained {100 * t:F1}%" : "")} (ETA {(int)eta.TotalMinutes}:{eta.Seconds:D2})"));
        });
        var ranking = ArchitectureRanking.Rank(
            ghn, candidates, validation, data.Train, Normalization.Of(data.Train), trainSteps, seed, progress, trained);

        Console.WriteLine($"GHN {ghn.Config.ToJson()} from {checkpoint}; data: {data.Source}; {validation.Count} validation images");
        var header = $"{"rank",4}  {"architecture",-36} {"parameters",11} {"GHN",7} {"predict",9}" + (trainSteps > 0 ? $" {$"{trainSteps} steps",10}" : "");
        Console.WriteLine(header);
        foreach (var c in ranking.Candidates)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{c.Rank,4}  {c.Name,-36} {c.Parameters,11:N0} {Summary.Percent(c.PredictedAccuracy),7} {c.PredictionTime.TotalMilliseconds,6:F0} ms") +
                (c.TrainedAccuracy is { } afterTraining ? $" {Summary.Percent(afterTraining),10}" : ""));
        }

        if (ranking.KendallTau is { } tau)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rank correlation with accuracy after {trainSteps} SGD steps, {ranking.Candidates.Count} architectures: Kendall's tau {tau:F3}, Spearman's rho {ranking.SpearmanRho:F3}"));
        }

        if (output is not null)
        {
            Directory.CreateDirectory(output);
            File.WriteAllText(Path.Combine(output, "ranking.csv"), Csv(ranking));
            Console.WriteLine($"wrote {Path.Combine(output, "ranking.csv")} and {Plot(ranking, output, trainSteps)}");
        }

        return 0;
    }

    /// <summary>The trained accuracies of an earlier run's ranking.csv, by architecture.</summary>
    private static Dictionary<string, double> ReadTrainedAccuracies(string path, int trainSteps)
    {
        if (trainSteps <= 0)
        {
            throw new ArgumentException("--trained-from reuses accuracies after training: pass the earlier run's --train-steps too.");
        }

        var lines = File.ReadAllLines(path);
        var columns = lines.FirstOrDefault()?.Split(',') ?? [];
        var (name, accuracy) = (Array.IndexOf(columns, ArchitectureColumn), Array.IndexOf(columns, TrainedAccuracyColumn));
        if (name < 0 || accuracy < 0)
        {
            throw new ArgumentException($"{path} is not a ranking.csv of ghn rank with --train-steps (it needs the columns architecture and trained_accuracy).");
        }

        var trained = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var fields in lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')))
        {
            trained[fields[name]] = double.TryParse(fields[accuracy], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new ArgumentException($"{path}: {fields[name]} has no trained accuracy; the run needs --train-steps.");
        }

        return trained;
    }

    private static string Csv(Ranking ranking)
    {
        var csv = new StringBuilder($"rank,{ArchitectureColumn},parameters,ghn_accuracy,prediction_ms,{TrainedAccuracyColumn}\n");
        foreach (var c in ranking.Candidates)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{c.Rank},{c.Name},{c.Parameters},{c.PredictedAccuracy:F4},{c.PredictionTime.TotalMilliseconds:F1},{(c.TrainedAccuracy is { } t ? t.ToString("F4", CultureInfo.InvariantCulture) : "")}\n");
        }

        return csv.ToString();
    }

    /// <summary>Predicted-parameter accuracy against accuracy after training, one point per architecture (or, untrained, by rank).</summary>
    private static string Plot(Ranking ranking, string directory, int trainSteps)
    {
        var plot = new Plot();
        var xs = ranking.Candidates.Select(c => trainSteps > 0 ? 100 * c.TrainedAccuracy!.Value : c.Rank).ToArray();
        var ys = ranking.Candidates.Select(c => 100 * c.PredictedAccuracy).ToArray();
        var points = plot.Add.ScatterPoints(xs, ys);
        points.MarkerSize = 8;
        plot.XLabel(trainSteps > 0 ? $"accuracy after {trainSteps} SGD steps from default initialisation (%)" : "rank");
        plot.YLabel("accuracy with GHN-predicted parameters, no training (%)");
        plot.Title(ranking.KendallTau is { } tau
            ? string.Create(CultureInfo.InvariantCulture, $"{ranking.Candidates.Count} architectures: Kendall's τ {tau:F2}, Spearman's ρ {ranking.SpearmanRho:F2}")
            : $"{ranking.Candidates.Count} architectures ranked by predicted parameters");
        var path = Path.Combine(directory, "ranking.png");
        plot.SavePng(path, 800, 600);
        return path;
    }

    /// <summary>Reports on the caller's thread, in order (<see cref="Progress{T}"/> posts to the thread pool).</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
