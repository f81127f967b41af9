using System.Globalization;

namespace Ghn.Sample;

/// <summary>The per-model prediction times Ghn.Build's tool recorded during the build (ghn-predictions.tsv, copied by the project file).</summary>
internal sealed class PredictionCosts
{
    private readonly Dictionary<string, (double Milliseconds, string Device)> _costs;

    private PredictionCosts(Dictionary<string, (double, string)> costs) => _costs = costs;

    public static PredictionCosts Load(string path) => new(File.Exists(path)
        ? File.ReadLines(path).Skip(1).Select(line => line.Split('\t')).ToDictionary(
            fields => fields[0],
            fields => (double.Parse(fields[2], CultureInfo.InvariantCulture), fields[3]))
        : []);

    public string Describe(string model) => _costs.TryGetValue(model, out var cost)
        ? $"{cost.Milliseconds:N0} ms on {cost.Device}"
        : "unknown (no ghn-predictions.tsv entry)";
}
