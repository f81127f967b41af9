using System.Globalization;

namespace Ghn.Training.Evaluation;

/// <summary>
/// The accuracies after training that a ranking run has measured (<see cref="ArchitectureRanking.Rank"/> with training
/// steps), appended to <c>trained-accuracies.csv</c> as each candidate finishes, so that the same run started again
/// after an interruption trains only the candidates it had not reached (pass <see cref="MeasuredFor"/> as its trained
/// accuracies). The first line records the settings the accuracies depend on; a journal of other settings is refused
/// rather than mixed in. Each line holds the candidate's name, accuracy and graph content hash, so that a name the
/// sampler now gives to another graph (it changed between sessions) is refused too.
/// </summary>
public sealed class TrainedAccuracyJournal
{
    /// <summary>The journal's file name in its folder.</summary>
    public const string FileName = "trained-accuracies.csv";

    private readonly string _path;
    private readonly Dictionary<string, (double Accuracy, string GraphHash)> _measured;

    private TrainedAccuracyJournal(string path, Dictionary<string, (double, string)> measured) => (_path, _measured) = (path, measured);

    /// <summary>Opens the journal in <paramref name="directory"/>, or starts one, for a run of these <paramref name="settings"/>.</summary>
    /// <exception cref="ArgumentException">The journal there was written with other settings.</exception>
    public static TrainedAccuracyJournal Open(string directory, string settings)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        var header = "# " + settings;
        var measured = new Dictionary<string, (double, string)>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            File.WriteAllText(path, header + "\n");
            return new TrainedAccuracyJournal(path, measured);
        }

        // A line cut short by the interruption (no newline yet) is dropped, and cut off so that appends start a new
        // line: that candidate is trained again.
        var text = File.ReadAllText(path);
        var complete = text[..(text.LastIndexOf('\n') + 1)];
        if (complete.Length < text.Length)
        {
            File.WriteAllText(path, complete);
        }

        var lines = complete.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.FirstOrDefault() != header)
        {
            throw new ArgumentException(
                $"{path} holds accuracies of a run with other settings ({lines.FirstOrDefault()?.TrimStart('#', ' ')}; this run: {settings}). Write the run to another folder, or delete the file to train every candidate again.");
        }

        foreach (var fields in lines.Skip(1).Select(l => l.Split(',')).Where(f => f.Length == 3))
        {
            if (double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var accuracy))
            {
                measured[fields[0]] = (accuracy, fields[2]);
            }
        }

        return new TrainedAccuracyJournal(path, measured);
    }

    /// <summary>The accuracies the journal holds for <paramref name="candidates"/>, by name.</summary>
    /// <exception cref="ArgumentException">The journal's accuracy for a candidate's name was measured on another graph.</exception>
    public IReadOnlyDictionary<string, double> MeasuredFor(IEnumerable<RankingCandidate> candidates)
    {
        var accuracies = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var candidate in candidates)
        {
            if (!_measured.TryGetValue(candidate.Name, out var entry))
            {
                continue;
            }

            if (entry.GraphHash != candidate.Graph.ContentHash)
            {
                throw new ArgumentException(
                    $"{_path} holds an accuracy for {candidate.Name} measured on another graph of that name (content hash {entry.GraphHash[..12]}…, now {candidate.Graph.ContentHash[..12]}…): the candidates changed since (another sampler or extractor). Write the run to another folder, or delete the file to train every candidate again.");
            }

            accuracies[candidate.Name] = entry.Accuracy;
        }

        return accuracies;
    }

    /// <summary>Appends <paramref name="candidate"/>'s accuracy, unless the journal already has it.</summary>
    public void Record(RankingCandidate candidate, double accuracy)
    {
        if (_measured.TryAdd(candidate.Name, (accuracy, candidate.Graph.ContentHash)))
        {
            File.AppendAllText(_path, string.Create(CultureInfo.InvariantCulture, $"{candidate.Name},{accuracy:R},{candidate.Graph.ContentHash}\n"));
        }
    }
}
