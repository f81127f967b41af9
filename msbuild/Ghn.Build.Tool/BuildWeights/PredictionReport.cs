using System.Globalization;

namespace Ghn.Build.Tool.BuildWeights;

/// <summary>
/// <c>ghn-predictions.tsv</c> in the output folder: per model, the parameters predicted, the time it took and the device,
/// from the build that last predicted it. Not embedded (timings would make builds irreproducible); applications that
/// want to show the build-time cost (the sample) copy it next to themselves.
/// </summary>
internal sealed class PredictionReport
{
    public const string FileName = "ghn-predictions.tsv";
    private const string Header = "model\tparameters\tmilliseconds\tdevice";

    private readonly string _path;
    private readonly SortedDictionary<string, string> _lines = new(StringComparer.Ordinal);

    public PredictionReport(string directory)
    {
        _path = Path.Combine(directory, FileName);
        if (File.Exists(_path))
        {
            foreach (var line in File.ReadLines(_path).Skip(1))
            {
                var model = line.Split('\t')[0];
                _lines[model] = line;
            }
        }
    }

    public void Record(string model, long parameters, TimeSpan elapsed, string device) =>
        _lines[model] = string.Join('\t', model, parameters.ToString(CultureInfo.InvariantCulture), elapsed.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture), device);

    /// <summary>Writes the report, keeping only <paramref name="models"/> (a model that is gone or failed has no cost to show).</summary>
    public void Save(IEnumerable<string> models)
    {
        var keep = models.ToHashSet(StringComparer.Ordinal);
        File.WriteAllLines(_path, [Header, .. _lines.Where(l => keep.Contains(l.Key)).Select(l => l.Value)]);
    }
}
