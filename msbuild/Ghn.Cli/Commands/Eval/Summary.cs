using System.Globalization;

namespace Ghn.Cli.Commands.Eval;

/// <summary>Mean ± standard deviation of accuracies, as the results table prints them.</summary>
internal static class Summary
{
    public static string MeanStd(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            return "-";
        }

        var mean = values.Average();
        var std = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count);
        return string.Create(CultureInfo.InvariantCulture, $"{100 * mean:F1} ± {100 * std:F1}%");
    }

    public static string Percent(double value) => string.Create(CultureInfo.InvariantCulture, $"{100 * value:F1}%");
}
