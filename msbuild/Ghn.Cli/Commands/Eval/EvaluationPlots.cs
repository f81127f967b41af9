using Ghn.Training.Evaluation;
using ScottPlot;

namespace Ghn.Cli.Commands.Eval;

/// <summary>The PNG figures of <c>ghn eval --plots DIR</c>.</summary>
internal static class EvaluationPlots
{
    private const int Width = 900;
    private const int Height = 500;

    /// <summary>Zero-shot accuracy per architecture, predicted parameters beside default initialisation.</summary>
    public static string ZeroShot(string directory, IReadOnlyList<(string Name, double Ghn, double Default)> results)
    {
        var plot = new Plot();
        var ghn = plot.Add.Bars(results.Select((_, i) => (3.0 * i) + 0.5).ToArray(), results.Select(r => 100 * r.Ghn).ToArray());
        ghn.LegendText = "GHN-predicted parameters";
        var baseline = plot.Add.Bars(results.Select((_, i) => (3.0 * i) + 1.5).ToArray(), results.Select(r => 100 * r.Default).ToArray());
        baseline.LegendText = "default initialisation";
        plot.Axes.Bottom.SetTicks(results.Select((_, i) => (3.0 * i) + 1).ToArray(), results.Select(r => r.Name).ToArray());
        plot.Axes.Bottom.TickLabelStyle.Rotation = 45;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        // Room for the rotated architecture names.
        plot.Axes.Bottom.MinimumSize = 160;
        plot.Axes.Margins(bottom: 0);
        plot.YLabel("test accuracy without training (%)");
        plot.Title("Zero-shot accuracy");
        // Outside the data area, so that no bar is hidden behind it.
        plot.ShowLegend(Edge.Top);
        return Save(plot, directory, "zero-shot.png");
    }

    /// <summary>Fine-tuning curves of one architecture from both initialisations.</summary>
    public static string FineTuning(string directory, string name, IReadOnlyList<CurvePoint> fromGhn, IReadOnlyList<CurvePoint> fromDefault, string setting)
    {
        var plot = new Plot();
        foreach (var (curve, label) in new[] { (fromGhn, "from GHN-predicted parameters"), (fromDefault, "from default initialisation") })
        {
            var line = plot.Add.Scatter(curve.Select(p => (double)p.Step).ToArray(), curve.Select(p => 100 * p.Accuracy).ToArray());
            line.LegendText = label;
        }

        plot.XLabel("SGD steps");
        plot.YLabel("test accuracy (%)");
        plot.Title($"{name}: fine-tuning ({setting})");
        plot.ShowLegend(Alignment.LowerRight);
        return Save(plot, directory, $"finetune-{string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_'))}.png");
    }

    private static string Save(Plot plot, string directory, string fileName)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, fileName);
        plot.SavePng(path, Width, Height);
        return path;
    }
}
