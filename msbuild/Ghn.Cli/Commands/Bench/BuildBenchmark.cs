using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Ghn.Cli.Commands.Bench;

/// <summary>
/// <c>ghn bench build</c>: what Ghn.Build adds to the builds of a model project that references the package (the
/// sample by default). A no-change incremental build with Ghn.Build beside the same build with <c>GhnEnabled=false</c>
/// (targets within 5% or 100 ms), and the time of the prediction target in a build that has to predict every model
/// again, which is what a first build adds (tool start, compilation, extraction, GHN load and prediction; target under
/// 2 s per ResNet-18-sized model on CPU), read from MSBuild's performance summary.
/// </summary>
internal static partial class BuildBenchmark
{
    public static Command Create()
    {
        var project = new Option<FileInfo>("--project")
        {
            Description = "A model project that references the Ghn.Build package, restored and buildable (default: sample/Ghn.Sample).",
            DefaultValueFactory = _ => new FileInfo(Path.Combine("sample", "Ghn.Sample", "Ghn.Sample.csproj")),
        };
        var runs = new Option<int>("--runs") { Description = "Timed builds per scenario.", DefaultValueFactory = _ => 5 };
        var command = new Command("build", "Build-time overhead of Ghn.Build on a model project: no-change builds and prediction of every model.") { project, runs };
        command.SetAction(parse => CommandErrors.Run(() => Run(parse.GetValue(project)!.FullName, parse.GetValue(runs))));
        return command;
    }

    private static int Run(string project, int runs)
    {
        if (!File.Exists(project))
        {
            throw new IOException($"Project not found: {project}. Pack Ghn.Build first (dotnet pack msbuild/Ghn.Build -c Release -o artifacts/packages) and pass --project.");
        }

        var weights = Path.Combine(Path.GetDirectoryName(project)!, "obj", "Debug", "net10.0", "ghn");
        void Build(bool ghnEnabled) => _ = DotnetBuild(project, ghnEnabled);
        var targetMilliseconds = new List<double>();

        // One untimed build per scenario first: switching GhnEnabled changes the embedded resources, so the first build
        // after a switch compiles again.
        var disabled = Measurement.Of(() => Build(ghnEnabled: false), warmup: 1, runs);
        var enabled = Measurement.Of(() => Build(ghnEnabled: true), warmup: 1, runs);
        var editTargetMilliseconds = new List<double>();
        var edited = MeasureCommentEdits(project, runs, editTargetMilliseconds);
        var predicting = Measurement.Of(
            () =>
            {
                Directory.Delete(weights, recursive: true);
                targetMilliseconds.Add(PredictionTargetMilliseconds(DotnetBuild(project, ghnEnabled: true, "-clp:PerformanceSummary")));
            },
            warmup: 0,
            runs);

        var models = Directory.GetFiles(weights, "*.safetensors").Length;
        Console.WriteLine($"{Path.GetFileName(project)}: {models} [GhnInit] model(s), {runs} timed builds per scenario (wall clock, ms).");
        Console.WriteLine();
        Console.WriteLine(Table.Format(
            ["build", "median", "min", "max"],
            [
                Row("no change, GhnEnabled=false", disabled),
                Row("no change, Ghn.Build", enabled),
                Row("comment edited in a non-model file", edited),
                Row("every model predicted again", predicting),
            ]));

        var overhead = enabled.Median - disabled.Median;
        Console.WriteLine($"No-change overhead: {overhead:F0} ms ({overhead / disabled.Median:P1}); target: within 5% or 100 ms.");
        editTargetMilliseconds.Sort();
        Console.WriteLine(
            $"After a comment edit in a file no model reads, GhnPredictWeights took {editTargetMilliseconds[editTargetMilliseconds.Count / 2]:F0} ms (median; " +
            "a few ms means the tool was not started).");
        targetMilliseconds.Sort();
        var target = targetMilliseconds[targetMilliseconds.Count / 2];
        Console.WriteLine(
            $"Added to a first build (GhnPredictWeights target, median): {target:F0} ms, {target / Math.Max(1, models):F0} ms per model (tool start included); " +
            "target: under 2000 ms per ResNet-18-sized model.");
        var report = Path.Combine(weights, "ghn-predictions.tsv");
        if (File.Exists(report))
        {
            Console.WriteLine();
            Console.WriteLine("Prediction alone, per model, as the tool recorded it in the last build:");
            foreach (var fields in File.ReadLines(report).Skip(1).Select(line => line.Split('\t')))
            {
                Console.WriteLine($"  {fields[0]}: {long.Parse(fields[1], CultureInfo.InvariantCulture):N0} parameters in {fields[2]} ms on {fields[3]}");
            }
        }

        return 0;
    }

    /// <summary>
    /// Builds after each of <paramref name="runs"/> comment edits in a file of the project that no model reads (the
    /// benchmark adds it, <c>GhnBenchUnrelated.cs</c>, and removes it afterwards), recording the prediction target's time.
    /// </summary>
    private static Measurement MeasureCommentEdits(string project, int runs, List<double> targetMilliseconds)
    {
        var file = Path.Combine(Path.GetDirectoryName(project)!, "GhnBenchUnrelated.cs");
        File.WriteAllText(file, "internal static class GhnBenchUnrelated { public static int Answer => 42; }\n");
        try
        {
            var edits = 0;
            var measurement = Measurement.Of(
                () =>
                {
                    File.AppendAllText(file, $"// edit {++edits}\n");
                    targetMilliseconds.Add(PredictionTargetMilliseconds(DotnetBuild(project, ghnEnabled: true, "-clp:PerformanceSummary")));
                },
                warmup: 1,
                runs);
            targetMilliseconds.RemoveAt(0); // the warm-up build, the first with the new file
            return measurement;
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string[] Row(string name, Measurement measurement) =>
        [name, measurement.Median.ToString("F0", CultureInfo.InvariantCulture), measurement.Min.ToString("F0", CultureInfo.InvariantCulture), measurement.Max.ToString("F0", CultureInfo.InvariantCulture)];

    private static double PredictionTargetMilliseconds(string buildOutput)
    {
        var match = TargetTime().Match(buildOutput);
        return match.Success
            ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException("The build's performance summary has no GhnPredictWeights target: does the project reference Ghn.Build?\n" + buildOutput);
    }

    [GeneratedRegex(@"(\d+) ms\s+GhnPredictWeights\s")]
    private static partial Regex TargetTime();

    private static string DotnetBuild(string project, bool ghnEnabled, params string[] extraArguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        string[] arguments = ["build", project, "--no-restore", "-nologo", "-v:q", $"-p:GhnEnabled={ghnEnabled.ToString().ToLowerInvariant()}", .. extraArguments];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start 'dotnet'.");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet build {project} failed (exit code {process.ExitCode}):\n{output}{error.Result}");
        }

        return output;
    }
}
