using System.Globalization;

namespace Ghn.Cli.Commands;

/// <summary>
/// The accuracies after training that a <c>ghn rank --train-steps</c> run has measured, appended as each candidate
/// finishes (<c>trained-accuracies.csv</c> in <c>--out</c>), so that the same command, run again after an interruption,
/// trains only the candidates it had not reached. The first line records the settings the accuracies depend on; a
/// journal of other settings is refused rather than mixed in.
/// </summary>
internal sealed class TrainedAccuracyJournal
{
    public const string FileName = "trained-accuracies.csv";

    private readonly string _path;
    private readonly Dictionary<string, double> _measured;

    private TrainedAccuracyJournal(string path, Dictionary<string, double> measured) => (_path, _measured) = (path, measured);

    /// <summary>The accuracies measured so far, by candidate.</summary>
    public IReadOnlyDictionary<string, double> Measured => _measured;

    /// <summary>Opens the journal in <paramref name="directory"/>, or starts one, for a run of these <paramref name="settings"/>.</summary>
    /// <exception cref="ArgumentException">The journal there was written with other settings.</exception>
    public static TrainedAccuracyJournal Open(string directory, string settings)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        var header = "# " + settings;
        var measured = new Dictionary<string, double>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            File.WriteAllText(path, header + "\n");
            return new TrainedAccuracyJournal(path, measured);
        }

        var lines = File.ReadAllLines(path);
        if (lines.FirstOrDefault() != header)
        {
            throw new ArgumentException(
                $"{path} holds accuracies of a run with other settings ({lines.FirstOrDefault()?.TrimStart('#', ' ')}; this run: {settings}). Pass another --out, or delete the file to train every candidate again.");
        }

        // A line cut short by the interruption is dropped: that candidate is trained again.
        foreach (var fields in lines.Skip(1).Select(l => l.Split(',')).Where(f => f.Length == 2))
        {
            if (double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var accuracy))
            {
                measured[fields[0]] = accuracy;
            }
        }

        return new TrainedAccuracyJournal(path, measured);
    }

    /// <summary>Appends <paramref name="candidate"/>'s accuracy, unless the journal already has it.</summary>
    public void Record(string candidate, double accuracy)
    {
        if (_measured.TryAdd(candidate, accuracy))
        {
            File.AppendAllText(_path, string.Create(CultureInfo.InvariantCulture, $"{candidate},{accuracy:R}\n"));
        }
    }
}
