using System.CommandLine;
using System.Globalization;
using Ghn.Cli.Commands.Bench;
using Ghn.Training.Sampling;

namespace Ghn.Cli.Commands;

/// <summary>
/// <c>ghn sample --family &lt;name&gt; --count N --seed S [--split held-out] [--out dir]</c>: draws architectures
/// from the meta-training sampler and prints their sizes (optionally writing each graph's JSON).
/// </summary>
internal static class SampleCommand
{
    public static Command Create()
    {
        var family = new Option<string>("--family") { Description = $"Architecture family: {string.Join(", ", ArchitectureFamily.All.Select(f => f.Name))}.", DefaultValueFactory = _ => ArchitectureFamily.Mixed.Name };
        var count = new Option<int>("--count") { Description = "How many architectures to draw.", DefaultValueFactory = _ => 10 };
        var seed = new Option<int>("--seed") { Description = "Sampler seed; the same seed draws the same graphs.", DefaultValueFactory = _ => 0 };
        var split = new Option<string>("--split") { Description = "training or held-out: the side of the content-hash split to draw from.", DefaultValueFactory = _ => "training" };
        split.AcceptOnlyFromAmong("training", "held-out");
        var output = new Option<DirectoryInfo?>("--out") { Description = "Directory to write each graph as ghn-architecture-graph/1 JSON." };

        var command = new Command("sample", "Draw architectures from the meta-training sampler and print their node and parameter counts.") { family, count, seed, split, output };
        command.SetAction(parse => CommandErrors.Run(() => Run(
            ArchitectureFamily.Get(parse.GetValue(family)!),
            parse.GetValue(count),
            parse.GetValue(seed),
            parse.GetValue(split) == "held-out" ? ArchitectureSplit.HeldOut : ArchitectureSplit.Training,
            parse.GetValue(output))));
        return command;
    }

    private static int Run(ArchitectureFamily family, int count, int seed, ArchitectureSplit split, DirectoryInfo? output)
    {
        if (count <= 0)
        {
            throw new ArgumentException($"--count must be positive (got {count}).");
        }

        output?.Create();
        var sampler = new ArchitectureSampler(family, split, seed);
        var rows = new List<string[]>();
        var nodes = new List<int>();
        var parameters = new List<long>();
        for (var i = 0; i < count; i++)
        {
            var architecture = sampler.Next();
            var graph = architecture.Graph;
            var primitiveNodes = graph.ToPrimitiveGraph().Nodes.Count;
            nodes.Add(primitiveNodes);
            parameters.Add(graph.ParameterCount);
            rows.Add([architecture.Name, architecture.Generator, Number(graph.Nodes.Count), Number(primitiveNodes), Number(graph.ParameterCount), graph.ContentHash[..12]]);
            if (output is not null)
            {
                File.WriteAllText(Path.Combine(output.FullName, $"{family.Name}-{seed}-{architecture.Index}.json"), graph.ToJson());
            }
        }

        Console.Write(Table.Format(["architecture", "style", "ops", "GHN nodes", "parameters", "content hash"], rows));
        Console.WriteLine();
        Console.WriteLine($"{family.Name} ({family.Description}), {split} split, seed {seed}, {count} graphs:");
        Console.WriteLine($"  GHN nodes   min {Number(nodes.Min())}, median {Number(Median(nodes.Select(n => (long)n)))}, max {Number(nodes.Max())}");
        Console.WriteLine($"  parameters  min {Number(parameters.Min())}, median {Number(Median(parameters))}, max {Number(parameters.Max())}");
        if (output is not null)
        {
            Console.WriteLine($"  graphs written to {output.FullName}");
        }

        return 0;
    }

    private static long Median(IEnumerable<long> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
