using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Ghn.Graphs;
using static TorchSharp.torch;
using Ghn.Import;

namespace Ghn.Cli.Commands.Bench;

/// <summary>
/// <c>ghn bench predict</c>: GHN-3 and GHN-2 prediction times on the reference parity fixture graphs (CPU), from graph
/// JSON to predicted tensors, median after warm-up, beside the reference implementation's time from each set's
/// <c>report.json</c> (Python, PyTorch 1.13, one thread, on this kind of machine). GHN-2 updates one node at a time.
/// </summary>
internal static class PredictBenchmark
{
    private const string LoadAverageFile = "/proc/loadavg";

    private static readonly string[] Models = ["tiny_cnn", "residual_block", "mixed", "resnet18_narrow"];

    // The GHN-3 set's safetensors copy, and the GHN-2 set as ppuda's trainer wrote it.
    private static readonly (string Name, string Folder, string Checkpoint)[] Sets =
        [("GHN-3", "ghn3", "ghn3-random.safetensors"), ("GHN-2", "ghn2", "ghn2-random.pt")];

    public static Command Create()
    {
        var fixtures = new Option<DirectoryInfo>("--fixtures")
        {
            Description = "The reference parity fixture folder (default: the repository's tests/fixtures/reference-parity).",
        };
        var threads = new Option<int>("--threads") { Description = "LibTorch intra-op threads.", DefaultValueFactory = _ => 2 };
        var warmup = new Option<int>("--warmup") { Description = "Untimed runs per graph.", DefaultValueFactory = _ => 3 };
        var runs = new Option<int>("--runs") { Description = "Timed runs per graph.", DefaultValueFactory = _ => 20 };
        var command = new Command("predict", "GHN-3 and GHN-2 prediction times on the parity fixture graphs versus the reference.") { fixtures, threads, warmup, runs };
        command.SetAction(parse => CommandErrors.Run(() => Run(
            parse.GetValue(fixtures)?.FullName ?? LocateFixtures(), parse.GetValue(threads), parse.GetValue(warmup), parse.GetValue(runs))));
        return command;
    }

    private static int Run(string fixtures, int threads, int warmup, int runs)
    {
        NativeRuntimeSettings.Apply();
        set_num_threads(threads);
        var rows = new List<string[]>();
        foreach (var (name, folder, checkpoint) in Sets)
        {
            var report = JsonNode.Parse(File.ReadAllText(Path.Combine(fixtures, folder, "report.json")))!;
            using var ghn = Load(Path.Combine(fixtures, folder, checkpoint));
            rows.AddRange(Measure(name, ghn, report, fixtures, warmup, runs));
        }

        Console.WriteLine($"GHN-3 hid 32 and GHN-2 hid 16 (random weights), CPU, {threads} thread(s), median of {runs} runs after {warmup} warm-up; graph JSON → tensors.");
        Console.WriteLine($"Native settings: {NativeRuntimeSettings.Description}.");
        Console.WriteLine($"Reference: Python (ghn3's GHN3, is_ghn2 for GHN-2), PyTorch 1.13, 1 thread, incl. graph build ({Path.Combine(fixtures, "*", "report.json")}).");
        if (File.Exists(LoadAverageFile))
        {
            // Other processes competing for the cores inflate wall-clock times; say how busy the machine was.
            Console.WriteLine($"Load average (1, 5, 15 min) at the end: {string.Join(", ", File.ReadAllText(LoadAverageFile).Split(' ').Take(3))} on {Environment.ProcessorCount} cores.");
        }

        Console.WriteLine();
        Console.Write(Table.Format(["GHN", "model", "nodes", "parameters", "median ms", "CPU ms", "min–max ms", "reference ms", "speed-up"], rows));
        return 0;
    }

    /// <summary>A safetensors checkpoint, or a reference trainer's .pt converted to a temporary one first.</summary>
    private static GraphHyperNetwork Load(string checkpoint)
    {
        if (!checkpoint.EndsWith(".pt", StringComparison.Ordinal))
        {
            return GraphHyperNetwork.Load(checkpoint, GhnDevice.Cpu);
        }

        var converted = Path.Combine(Path.GetTempPath(), $"ghn-bench-{Guid.NewGuid():N}.safetensors");
        try
        {
            return ReferenceCheckpoint.Import(checkpoint, converted);
        }
        finally
        {
            File.Delete(converted);
        }
    }

    private static IEnumerable<string[]> Measure(string name, GraphHyperNetwork ghn, JsonNode report, string fixtures, int warmup, int runs)
    {
        foreach (var model in Models)
        {
            var json = File.ReadAllText(Path.Combine(fixtures, "graphs", model + ".json"));
            var graph = GraphJson.ReadPrimitiveGraph(json);
            // CPU time per run (all threads) beside wall time: on a busy shared machine it shows the work
            // done independently of how long the process waited for a core.
            var cpuMilliseconds = new List<double>();
            var measurement = Measurement.Of(
                () =>
                {
                    var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
                    using (var scope = NewDisposeScope())
                    {
                        ghn.Predict(GraphJson.ReadPrimitiveGraph(json));
                    }

                    cpuMilliseconds.Add((Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalMilliseconds);
                },
                warmup,
                runs);
            var cpuMedian = cpuMilliseconds.Skip(warmup).Order().ElementAt(runs / 2);
            var referenceMs = report[model]!["predict_s"]!.GetValue<double>() * 1000;
            yield return
            [
                name,
                model,
                graph.Nodes.Count.ToString(CultureInfo.InvariantCulture),
                report[model]!["params"]!.GetValue<long>().ToString("N0", CultureInfo.InvariantCulture),
                measurement.Median.ToString("F1", CultureInfo.InvariantCulture),
                cpuMedian.ToString("F0", CultureInfo.InvariantCulture),
                $"{measurement.Min.ToString("F1", CultureInfo.InvariantCulture)}–{measurement.Max.ToString("F1", CultureInfo.InvariantCulture)}",
                referenceMs.ToString("F0", CultureInfo.InvariantCulture),
                (referenceMs / measurement.Median).ToString("F1", CultureInfo.InvariantCulture) + "×",
            ];
        }
    }

    private static string LocateFixtures()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "tests", "fixtures", "reference-parity");
                if (File.Exists(Path.Combine(directory.FullName, "Ghn.Build.sln")) && Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new DirectoryNotFoundException("Cannot find the repository's tests/fixtures/reference-parity above the current or the tool's folder; pass --fixtures <folder>.");
    }
}
