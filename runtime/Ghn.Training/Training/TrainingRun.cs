using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Ghn.Training.Training;

/// <summary>
/// Drives a <see cref="MetaTrainer"/> through its schedule within a session's budget: validates every
/// <see cref="MetaTrainingOptions.ValidationInterval"/> steps (and before the first step), checkpoints every
/// <see cref="MetaTrainingOptions.CheckpointInterval"/> steps, after every validation and when it stops, and
/// reports to the progress bar and the log. A run stopped by the budget or cancellation resumes from its directory.
/// </summary>
public sealed class TrainingRun(MetaTrainer trainer, string directory, ProgressReporter progress, TrainingLog log)
{
    /// <summary>Trains until the schedule completes, <paramref name="wallTime"/> has passed or <paramref name="cancellation"/> fires.</summary>
    /// <returns>True when the schedule is complete.</returns>
    public bool Run(TimeSpan? wallTime, CancellationToken cancellation)
    {
        var start = Stopwatch.GetTimestamp();
        var options = trainer.Options;
        log.Write("start", new JsonObject
        {
            ["step"] = trainer.Step,
            ["total_steps"] = options.TotalSteps,
            ["ghn_config"] = trainer.Network.Config.ToJson(),
            ["ghn_parameters"] = trainer.Network.ParameterCount,
            ["initial_checkpoint"] = options.InitialCheckpoint,
        });
        if (trainer.Step == 0)
        {
            Validate();
            Checkpoint();
        }

        while (!trainer.IsComplete && !cancellation.IsCancellationRequested && (wallTime is null || Stopwatch.GetElapsedTime(start) < wallTime))
        {
            var step = trainer.TrainStep();
            log.Write(step);
            progress.Report(step);
            if (trainer.Step % options.ValidationInterval == 0 || trainer.IsComplete)
            {
                Validate();
                Checkpoint();
            }
            else if (trainer.Step % options.CheckpointInterval == 0)
            {
                Checkpoint();
            }
        }

        if (!trainer.IsComplete)
        {
            Checkpoint();
        }

        var reason = trainer.IsComplete ? "complete" : cancellation.IsCancellationRequested ? "cancelled" : "time budget reached";
        var summary = new JsonObject
        {
            ["reason"] = reason,
            ["step"] = trainer.Step,
            ["examples_seen"] = trainer.ExamplesSeen,
            ["training_minutes"] = Math.Round(trainer.TrainingSeconds / 60, 2),
            ["clipped_steps"] = trainer.ClippedSteps,
            ["skipped_steps"] = trainer.SkippedSteps,
            ["clipped_fraction"] = trainer.Step == 0 ? 0 : Math.Round((double)trainer.ClippedSteps / trainer.Step, 4),
            ["best_validation_accuracy"] = trainer.BestValidationAccuracy,
            ["best_step"] = trainer.BestStep,
        };
        log.Write("stop", summary);
        progress.Message(string.Create(
            CultureInfo.InvariantCulture,
            $"stopped ({reason}) at step {trainer.Step}/{options.TotalSteps}: {trainer.ExamplesSeen:N0} examples, {trainer.TrainingSeconds / 60:F1} min of training, " +
            $"gradient clipped on {trainer.ClippedSteps} steps ({(trainer.Step == 0 ? 0 : 100.0 * trainer.ClippedSteps / trainer.Step):F1}%), best validation {100 * trainer.BestValidationAccuracy:F1}% at step {trainer.BestStep}, {trainer.SkippedSteps} steps skipped for a non-finite loss or gradient."));
        return trainer.IsComplete;
    }

    private void Validate()
    {
        var accuracies = trainer.Validate();
        var mean = accuracies.Average();
        log.Write("validation", new JsonObject
        {
            ["step"] = trainer.Step,
            ["training_minutes"] = Math.Round(trainer.TrainingSeconds / 60, 3),
            ["examples_seen"] = trainer.ExamplesSeen,
            ["mean_accuracy"] = Math.Round(mean, 5),
            ["accuracies"] = new JsonArray(accuracies.Select(a => (JsonNode)Math.Round(a, 4)).ToArray()),
            ["architectures"] = new JsonArray(trainer.ValidationArchitectures.Select(a => (JsonNode)a.Name).ToArray()),
        });
        progress.Message(string.Create(
            CultureInfo.InvariantCulture,
            $"validation at step {trainer.Step} ({trainer.TrainingSeconds / 60:F1} min): zero-shot accuracy {100 * mean:F1}% on {accuracies.Count} held-out architectures (best {100 * trainer.BestValidationAccuracy:F1}% at step {trainer.BestStep})"));
    }

    private void Checkpoint()
    {
        trainer.SaveCheckpoint(directory);
        log.Write("checkpoint", new JsonObject { ["step"] = trainer.Step, ["best"] = trainer.BestStep == trainer.Step });
    }
}
