using System.Diagnostics;

namespace Ghn.Cli.Commands.Bench;

/// <summary>Wall-clock timings of repeated runs after warm-up; benchmarks report the median.</summary>
internal sealed class Measurement
{
    private Measurement(double[] milliseconds) => Milliseconds = milliseconds;

    /// <summary>Every timed run, sorted ascending.</summary>
    public IReadOnlyList<double> Milliseconds { get; }

    public double Median => Milliseconds.Count % 2 == 1
        ? Milliseconds[Milliseconds.Count / 2]
        : (Milliseconds[(Milliseconds.Count / 2) - 1] + Milliseconds[Milliseconds.Count / 2]) / 2;

    public double Min => Milliseconds[0];

    public double Max => Milliseconds[Milliseconds.Count - 1];

    /// <summary>Runs <paramref name="action"/> <paramref name="warmup"/> times untimed, then <paramref name="runs"/> times timed.</summary>
    public static Measurement Of(Action action, int warmup, int runs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        for (var i = 0; i < warmup; i++)
        {
            action();
        }

        var times = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            action();
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(times);
        return new Measurement(times);
    }
}
