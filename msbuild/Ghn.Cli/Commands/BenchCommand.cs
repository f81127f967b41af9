using System.CommandLine;
using Ghn.Cli.Commands.Bench;

namespace Ghn.Cli.Commands;

/// <summary><c>ghn bench &lt;what&gt;</c>: benchmarks that print their figures as a table.</summary>
internal static class BenchCommand
{
    public static Command Create() => new("bench", "Measure performance and print a table of figures.")
    {
        PredictBenchmark.Create(),
        ExtractBenchmark.Create(),
        BuildBenchmark.Create(),
    };
}
