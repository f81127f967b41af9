using System.Globalization;

namespace Ghn.Training.Training;

/// <summary>
/// Shows meta-training progress on a text writer (stderr): a bar with the step, ETA, running loss and accuracy.
/// On a terminal the line is redrawn in place; when the output is redirected (a log file) a plain line is
/// written every <see cref="LineInterval"/> instead, so the file stays readable.
/// </summary>
public sealed class ProgressReporter
{
    /// <summary>Time between lines when the output is not a terminal.</summary>
    public static readonly TimeSpan LineInterval = TimeSpan.FromSeconds(30);

    // Running averages over roughly the last 1/(1-Decay) = 50 steps.
    private const double Decay = 0.98;
    private const int BarWidth = 24;

    private readonly TextWriter _output;
    private readonly bool _interactive;
    private readonly long _totalSteps;
    private double _loss = double.NaN;
    private double _accuracy = double.NaN;
    private double _secondsPerStep = double.NaN;
    private DateTime _lastLine = DateTime.MinValue;
    private bool _lineOpen;

    /// <summary>Creates a reporter for a run of <paramref name="totalSteps"/> steps.</summary>
    /// <param name="output">Where to write (typically <see cref="Console.Error"/>).</param>
    /// <param name="interactive">Whether <paramref name="output"/> is a terminal (<c>!Console.IsErrorRedirected</c>).</param>
    /// <param name="totalSteps">The run's length.</param>
    public ProgressReporter(TextWriter output, bool interactive, long totalSteps)
    {
        _output = output;
        _interactive = interactive;
        _totalSteps = totalSteps;
    }

    /// <summary>Takes a step's figures into the running averages and redraws (or, periodically, prints) the progress.</summary>
    public void Report(MetaStepResult step)
    {
        _loss = double.IsNaN(_loss) ? step.Loss : (Decay * _loss) + ((1 - Decay) * step.Loss);
        _accuracy = double.IsNaN(_accuracy) ? step.Accuracy : (Decay * _accuracy) + ((1 - Decay) * step.Accuracy);
        _secondsPerStep = double.IsNaN(_secondsPerStep) ? step.Seconds : (0.9 * _secondsPerStep) + (0.1 * step.Seconds);
        var done = step.Step + 1;
        var eta = TimeSpan.FromSeconds(_secondsPerStep * (_totalSteps - done));
        var filled = (int)(BarWidth * done / _totalSteps);
        var line = string.Format(
            CultureInfo.InvariantCulture,
            "step {0}/{1} [{2}{3}] loss {4:F3} acc {5:F1}% lr {6:E1} {7:F2} s/step ETA {8}",
            done, _totalSteps, new string('#', filled), new string('.', BarWidth - filled), _loss, 100 * _accuracy, step.LearningRate, _secondsPerStep, Format(eta));
        if (_interactive)
        {
            _output.Write("\r" + line.PadRight(100));
            _lineOpen = true;
        }
        else if (DateTime.UtcNow - _lastLine >= LineInterval || done == _totalSteps)
        {
            _output.WriteLine(line);
            _lastLine = DateTime.UtcNow;
        }
    }

    /// <summary>Prints a message on its own line (validation results, checkpoints) without breaking the bar.</summary>
    public void Message(string message)
    {
        if (_lineOpen)
        {
            _output.WriteLine();
            _lineOpen = false;
        }

        _output.WriteLine(message);
    }

    private static string Format(TimeSpan time) =>
        time.TotalHours >= 1 ? $"{(int)time.TotalHours}:{time.Minutes:D2}:{time.Seconds:D2}" : $"{time.Minutes}:{time.Seconds:D2}";
}
