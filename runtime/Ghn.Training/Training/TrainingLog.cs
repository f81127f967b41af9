using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ghn.Training.Training;

/// <summary>
/// The run's log in its output directory (<see cref="TrainingCheckpoint.LogFile"/>): one JSON object per line with an
/// <c>event</c> member (<c>start</c>, <c>step</c>, <c>validation</c>, <c>checkpoint</c>, <c>stop</c>). A resumed
/// run appends, so the file holds the whole history; steps repeated after a resume appear twice.
/// </summary>
public sealed class TrainingLog : IDisposable
{
    // NaN is the best validation accuracy before the first validation.
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    private readonly StreamWriter _writer;

    /// <summary>Opens (appending) the log of the run in <paramref name="directory"/>.</summary>
    public TrainingLog(string directory)
    {
        Directory.CreateDirectory(directory);
        _writer = new StreamWriter(Path.Combine(directory, TrainingCheckpoint.LogFile), append: true) { AutoFlush = true };
    }

    /// <summary>Writes one event with its fields and the current UTC time.</summary>
    public void Write(string eventName, JsonObject fields)
    {
        var line = new JsonObject { ["event"] = eventName, ["utc"] = DateTime.UtcNow.ToString("O") };
        foreach (var (key, value) in fields)
        {
            line[key] = value?.DeepClone();
        }

        _writer.WriteLine(line.ToJsonString(Json));
    }

    /// <summary>Writes a step.</summary>
    public void Write(MetaStepResult step) => Write("step", new JsonObject
    {
        ["step"] = step.Step + 1,
        ["loss"] = Math.Round(step.Loss, 5),
        ["accuracy"] = Math.Round(step.Accuracy, 5),
        ["lr"] = step.LearningRate,
        ["grad_norm"] = Math.Round(step.GradientNorm, 4),
        ["clipped"] = step.Clipped,
        ["skipped"] = step.Skipped,
        ["seconds"] = Math.Round(step.Seconds, 3),
    });

    /// <inheritdoc />
    public void Dispose() => _writer.Dispose();
}
